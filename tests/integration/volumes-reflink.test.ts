// Reflink: on a loop-mounted xfs (reflink=1) a snapshot and a restore clone extents instead of
// copying data. Proof by space: a snapshot of 64 MiB of data adds far less than 64 MiB of used
// blocks to the filesystem, and so does restoring a file whose content changed.
import { execa } from "execa";
import { mkdir, mkdtemp, rm, statfs, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { restoreSnapshot, snapshotVolumes, verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/mod.ts";

let base: string;
let mnt: string;
const usedBytes = async () => {
  await execa("sync", ["-f", mnt]);
  const s = await statfs(mnt);
  return (s.blocks - s.bfree) * s.bsize;
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-reflink-"));
  mnt = join(base, "mnt");
  await mkdir(mnt);
  await execa("truncate", ["-s", "512M", join(base, "xfs.img")]);
  await execa("mkfs.xfs", ["-q", "-m", "reflink=1", join(base, "xfs.img")]);
  await execa("mount", ["-o", "loop", join(base, "xfs.img"), mnt]);
});
afterAll(async () => {
  await execa("umount", [mnt], { reject: false });
  await rm(base, { recursive: true, force: true });
});

it("snapshots and restores by reflink on xfs", async () => {
  const vol = { name: "ccw-test-reflink_data", mountpoint: join(mnt, "data") };
  const opts = { stateDir: join(mnt, "state"), recipe: "reflink", mountCheck: async () => {} };
  await mkdir(vol.mountpoint);
  await mkdir(opts.stateDir);
  for (let i = 0; i < 4; i++) await writeFile(join(vol.mountpoint, `db-${i}.dat`), randomBytes(16 << 20));
  const before = await usedBytes();
  await snapshotVolumes([vol], { ...opts, commit: "c1" });
  const afterSnapshot = await usedBytes();
  expect(afterSnapshot - before).toBeLessThan(4 << 20);
  expect((await verifySnapshot(opts.stateDir, "reflink")).mismatches).toEqual([]);

  // A changed file comes back by clone too.
  await writeFile(join(vol.mountpoint, "db-0.dat"), randomBytes(16 << 20));
  const changed = await usedBytes();
  const res = await restoreSnapshot([vol], opts);
  expect(res.filesCopied).toBe(1);
  expect(res.bytesCopied).toBe(16 << 20);
  // The volume's 16 MiB of new data is freed, the restored copy shares the snapshot's blocks.
  expect(await usedBytes()).toBeLessThan(changed - (12 << 20));
  expect((await verifyVolumesAgainstManifest([vol], opts)).mismatches).toEqual([]);
});
