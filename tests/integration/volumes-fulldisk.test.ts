// Full disk, for real: the state dir is an 8 MiB tmpfs holding a known-good. A snapshot that
// cannot fit is refused before writing; one that runs out of space mid-copy fails with a clear
// error; either way the previous known-good stays intact and verifying, with no `.tmp-*` left.
import { randomBytes } from "node:crypto";
import { statfsSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { InfraError } from "../../lib/errors.ts";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { snapshotVolumes, verifySnapshot } from "../../lib/volumes/mod.ts";

let base = "";
let state = "";
let mounted = false;
const noMounts = async () => {};
const vol = (dir: string) => [{ name: "ccw-test-volumes-disk_data", mountpoint: dir }];

async function dataDir(name: string, mb: number): Promise<string> {
  const dir = join(base, name);
  await mkdir(dir);
  for (let i = 0; i < mb; i++) await writeFile(join(dir, `f${i}`), randomBytes(1 << 20));
  return dir;
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-disk-"));
  state = join(base, "state");
  await mkdir(state);
  await runCommandOrThrow("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", state]);
  mounted = true;
});
afterAll(async () => {
  if (mounted) await runCommand("umount", [state]);
  if (base) await rm(base, { recursive: true, force: true });
});

it("keeps the previous known-good when the state filesystem is full", async () => {
  const first = await snapshotVolumes(vol(await dataDir("small", 2)), { stateDir: state, recipe: "demo", commit: "good", mountCheck: noMounts });
  const intact = async () => {
    const v = await verifySnapshot(state, "demo");
    expect([v.ok, v.commit, v.manifestDigest]).toEqual([true, "good", first.manifestDigest]);
    expect(await readdir(join(state, "demo"))).toEqual(["known-good"]);
  };

  // Pre-flight: 10 MB cannot fit in what is left of 8 MiB.
  const big = await dataDir("big", 10);
  const refused = await snapshotVolumes(vol(big), { stateDir: state, recipe: "demo", commit: "big", mountCheck: noMounts }).catch((e) => e);
  expect(refused).toBeInstanceOf(InfraError);
  expect(refused.message).toMatch(/not enough space in .*state\/demo: the snapshot needs about 10\.\d MB but only \d\.\d MB is available/);
  await intact();

  // maxUsePercent: it would fit, but past the threshold.
  const mid = await dataDir("mid", 3);
  const over = await snapshotVolumes(vol(mid), { stateDir: state, recipe: "demo", commit: "mid", maxUsePercent: 50, mountCheck: noMounts }).catch((e) => e);
  expect(over.message).toMatch(/above maxUsePercent 50%/);
  await intact();

  // Mid-copy: the pre-flight passes, then something else eats the space as the copy starts.
  const filler = join(state, "filler");
  let filled = false;
  const onProgress = () => {
    if (filled) return;
    // Take every last block: the copy may already be done when the first progress report comes
    // (the hash runs beside it), and then it is the MANIFEST's write that must meet the full disk.
    const fs = statfsSync(state);
    try {
      writeFileSync(filler, Buffer.alloc(fs.bavail * fs.bsize));
    } catch { /* ENOSPC part-way: full either way */ }
    filled = true;
  };
  const enospc = await snapshotVolumes(vol(mid), { stateDir: state, recipe: "demo", commit: "mid", maxUsePercent: 100, mountCheck: noMounts, onProgress }).catch((e) => e);
  expect(filled).toBe(true);
  expect(enospc).toBeInstanceOf(InfraError);
  expect(enospc.message).toMatch(/snapshot of demo failed; the previous known-good is unchanged: .*no space left on device/);
  await rm(filler);
  await intact();

  // And once there is room again, the next snapshot succeeds.
  const next = await snapshotVolumes(vol(mid), { stateDir: state, recipe: "demo", commit: "mid", mountCheck: noMounts, maxUsePercent: 100 });
  expect((await verifySnapshot(state, "demo")).manifestDigest).toBe(next.manifestDigest);
});
