// Crash safety: SIGKILL a real snapshot (a Deno child process) at 50 random points across its
// phases; after each kill, recovery leaves exactly one known-good that verifies, no work
// directories, and later snapshots succeed. Every snapshot after the seed is incremental (it
// hard-links unchanged files from the known-good it replaces), so kills also land while files
// are being linked, while the old copy is dropped and before the seal is written.
import { execa } from "execa";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recoverSnapshots, verifySnapshot } from "../../lib/volumes/mod.ts";
import { buildBulkTree } from "../helpers/volumes-tree.ts";

const CHILD = resolve(import.meta.dirname, "../helpers/volumes-snapshot-child.ts");
const CONFIG = resolve(import.meta.dirname, "../../deno.json");
// The deno binary itself, not `npx deno`: SIGKILL must hit the process doing the work.
const DENO = resolve(import.meta.dirname, "../../node_modules/.bin/deno");
let base: string;
let state: string;
let data: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-crash-"));
  [state, data] = [join(base, "state"), join(base, "data")];
  await mkdir(state);
  // 2,000 files, 10 MB: every phase takes a while, and 50 runs fit in a few minutes on a busy box.
  await buildBulkTree(data, 2_000, 10_000_000);
});
afterAll(async () => { await rm(base, { recursive: true, force: true }); });

const snapshot = (commit: string) => execa(DENO, ["run", "-A", "--config", CONFIG, CHILD, state, "crash", data, commit], { reject: false, timeout: 120_000 });

it("survives SIGKILL at 50 random points of a 2,000-file, 10 MB snapshot", async () => {
  const seed = await snapshot("seed");
  expect(seed.exitCode, seed.stderr).toBe(0);
  // Time a run that replaces a known-good: kill points are spread over its whole duration
  // (start-up, scan, copy, hash, sync, MANIFEST, swap) and a little past it.
  const t0 = Date.now();
  const first = await snapshot("c0");
  expect(first.exitCode, first.stderr).toBe(0);
  const full = Date.now() - t0;
  let committed = "c0";
  expect(JSON.parse(first.stdout).reusedFiles).toBeGreaterThan(1_900);
  const outcomes = { killed: 0, completed: 0, movedByKilled: 0, completedIncremental: 0 };
  for (let i = 1; i <= 50; i++) {
    // Change the source a little so each snapshot differs in content, not only in commit.
    await writeFile(join(data, `d${i % 20}`, `f${i}.bin`), `iteration ${i}`);
    const child = snapshot(`c${i}`);
    const delay = Math.random() * full * 1.25;
    const timer = setTimeout(() => child.kill("SIGKILL"), delay);
    const res = await child;
    clearTimeout(timer);
    await recoverSnapshots(state, "crash");
    expect((await readdir(join(state, "crash"))).sort()).toEqual(["known-good"]);
    const v = await verifySnapshot(state, "crash");
    expect(v.mismatches).toEqual([]);
    if (res.exitCode === 0) {
      outcomes.completed++;
      if (JSON.parse(res.stdout).reusedFiles > 0) outcomes.completedIncremental++;
      expect(v.commit).toBe(`c${i}`);
      expect(JSON.parse(res.stdout).manifestDigest).toBe(v.manifestDigest);
    } else {
      outcomes.killed++;
      expect(res.signal).toBe("SIGKILL");
      // Killed before the commit point → the previous one; after it → the new one, complete.
      expect([committed, `c${i}`]).toContain(v.commit);
      if (v.commit !== committed) outcomes.movedByKilled++;
    }
    committed = v.commit;
  }
  const last = await snapshot("final");
  expect(last.exitCode, last.stderr).toBe(0);
  const v = await verifySnapshot(state, "crash");
  expect([v.ok, v.commit]).toEqual([true, "final"]);
  // A sealed known-good after all those kills: the next snapshot links what did not change.
  await writeFile(join(data, "d0", "f0.bin"), "after the kills");
  const after = await snapshot("after");
  expect(after.exitCode, after.stderr).toBe(0);
  expect(JSON.parse(after.stdout).reusedFiles).toBe(1_999);
  expect((await verifySnapshot(state, "crash")).mismatches).toEqual([]);
  expect(outcomes.killed).toBeGreaterThan(20);
  console.log(`crash test: full snapshot ${full} ms;`, outcomes);
}, 600_000);
