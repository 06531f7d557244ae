// Round trips on plain directories of the real filesystem; only the docker mount check is faked.
import { chmod, link, lstat, mkdir, mkdtemp, open, readdir, rm, symlink, truncate, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InfraError, InputError } from "../../lib/errors.ts";
import { readManifest, restoreSnapshot, snapshotVolumes, verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/mod.ts";
import type { MountCheck, VolumeRef } from "../../lib/volumes/mod.ts";
import { allocatedBytes, buildBulkTree, buildVariedTree, describeTree, readOnlyView } from "../helpers/volumes-tree.ts";

let base: string;
let state: string;
const checked: string[] = [];
const mountCheck: MountCheck = async (vols) => { checked.push(...vols.map((v) => v.name)); };
const opts = () => ({ stateDir: state, recipe: "demo", stack: "warm-demo", mountCheck });

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-"));
  state = join(base, "state");
  await mkdir(state);
  checked.length = 0;
});
afterEach(async () => { await rm(base, { recursive: true, force: true }); });

async function makeVolumes(): Promise<VolumeRef[]> {
  const vols = [{ name: "warm-demo_db-data", mountpoint: join(base, "db") }, { name: "warm-demo_uploads", mountpoint: join(base, "up") }];
  await mkdir(vols[0]!.mountpoint);
  await buildVariedTree(vols[0]!.mountpoint);
  await mkdir(vols[1]!.mountpoint);
  await writeFile(join(vols[1]!.mountpoint, "photo.jpg"), "jpeg");
  return vols;
}

describe("snapshot → damage → restore", () => {
  it("round-trips a varied tree byte for byte, with metadata, symlinks and sparseness", async () => {
    const vols = await makeVolumes();
    const before = await Promise.all(vols.map((v) => describeTree(v.mountpoint)));
    const snap = await snapshotVolumes(vols, { ...opts(), commit: "3f2a1b0", imageDigests: { "app:1": "sha256:ab" }, stackSpecHash: "h1" });
    expect(checked).toEqual(["warm-demo_db-data", "warm-demo_uploads"]);
    expect(snap.manifestDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(snap.files).toBe(Object.keys(before[0]!).length + Object.keys(before[1]!).length);

    const kg = join(state, "demo", "known-good");
    expect((await readdir(kg)).sort()).toEqual(["MANIFEST", "SEALED", "db-data", "uploads"]);
    // The store holds the same tree with its files read-only (MANIFEST keeps the source mode).
    expect(await describeTree(join(kg, "db-data"))).toEqual(readOnlyView(before[0]!));
    expect(await allocatedBytes(join(kg, "db-data", "sparse.img"))).toBeLessThan(1 << 20);
    expect((await lstat(join(kg, "db-data", "a/hello.txt"))).ino).not.toBe((await lstat(join(vols[0]!.mountpoint, "a/hello.txt"))).ino);
    const { manifest, digest } = await readManifest(kg);
    expect(digest).toBe(snap.manifestDigest);
    expect(manifest).toMatchObject({ recipe: "demo", commit: "3f2a1b0", stackSpecHash: "h1", imageDigests: { "app:1": "sha256:ab" } });
    expect(manifest.volumes.map((v) => [v.key, v.name])).toEqual([["db-data", "warm-demo_db-data"], ["uploads", "warm-demo_uploads"]]);
    const link = manifest.volumes[0]!.entries.find((e) => e.path === "a/link-rel");
    expect(link).toMatchObject({ type: "symlink", target: "hello.txt" });
    expect((await verifySnapshot(state, "demo")).ok).toBe(true);

    // Damage: change content, same-size change with the old mtime (only a hash can tell),
    // add, delete, chmod, chown, retarget a symlink, replace a dir by a file.
    const db = vols[0]!.mountpoint;
    await writeFile(join(db, "a/b/c/deep.bin"), "changed");
    await writeFile(join(db, "a/hello.txt"), "HELLO\n");
    await utimes(join(db, "a/hello.txt"), 1_600_000_000.5, 1_600_000_000.5);
    await writeFile(join(db, "extra.txt"), "x");
    await mkdir(join(db, "extra-dir/sub"), { recursive: true });
    await unlink(join(db, "empty"));
    await chmod(join(db, "secret.key"), 0o644);
    await unlink(join(db, "a/link-rel"));
    await symlink("elsewhere", join(db, "a/link-rel"));
    await rm(join(db, "empty-dir"), { recursive: true });
    await writeFile(join(db, "empty-dir"), "now a file");
    await rm(join(vols[1]!.mountpoint, "photo.jpg"));
    const live = await verifyVolumesAgainstManifest(vols, opts());
    expect(live.ok).toBe(false);
    expect(live.mismatches.map((m) => m.path)).toEqual(expect.arrayContaining(["a/hello.txt", "extra.txt", "extra-dir", "empty", "secret.key", "a/link-rel", "empty-dir", "photo.jpg"]));

    const res = await restoreSnapshot(vols, opts());
    expect(await Promise.all(vols.map((v) => describeTree(v.mountpoint)))).toEqual(before);
    expect(res).toMatchObject({ manifestDigest: snap.manifestDigest, commit: "3f2a1b0", removed: 3, dirsCreated: 1 });
    // deep.bin, hello.txt, empty, link-rel, photo.jpg
    expect(res.filesCopied).toBe(5);
    expect(await allocatedBytes(join(db, "sparse.img"))).toBeLessThan(1 << 20);
    expect((await verifyVolumesAgainstManifest(vols, opts())).ok).toBe(true);
    // A second restore has nothing to do.
    const again = await restoreSnapshot(vols, opts());
    expect([again.filesCopied, again.removed, again.metadataFixed]).toEqual([0, 0, 0]);
  });

  it("restores a 10%-changed tree by copying only the changed files", async () => {
    const vol = { name: "warm-demo_bulk", mountpoint: join(base, "bulk") };
    await buildBulkTree(vol.mountpoint, 500, 5_000_000);
    await snapshotVolumes([vol], { ...opts(), commit: "c1" });
    const before = await describeTree(vol.mountpoint);
    for (let i = 0; i < 500; i += 10) await writeFile(join(vol.mountpoint, `d${i % 20}`, `f${i}.bin`), `changed ${i}`);
    const res = await restoreSnapshot([vol], opts());
    expect(res.filesCopied).toBe(50);
    expect(res.bytesCopied).toBe(50 * 10_000);
    expect(res.entries).toBe(521);
    expect(await describeTree(vol.mountpoint)).toEqual(before);
  });

  it("restores a large file whose blocks changed by rewriting only those blocks, in place; a hard-linked one is copied whole", async () => {
    const vol = { name: "warm-demo_pg", mountpoint: join(base, "pg") };
    await mkdir(vol.mountpoint);
    const MiB = 1 << 20;
    const page = (seed: number, n: number) => Buffer.alloc(n, seed);
    // 20 MiB of distinct 1 MiB blocks, a second large file that will shrink, and one with two links.
    await writeFile(join(vol.mountpoint, "table"), Buffer.concat(Array.from({ length: 20 }, (_, i) => page(i + 1, MiB))));
    await writeFile(join(vol.mountpoint, "wal"), page(7, 9 * MiB));
    await writeFile(join(vol.mountpoint, "same"), page(5, 9 * MiB));
    await writeFile(join(vol.mountpoint, "linked"), page(9, 10 * MiB));
    await link(join(vol.mountpoint, "linked"), join(vol.mountpoint, "linked-too"));
    await snapshotVolumes([vol], { ...opts(), commit: "c1" });
    const before = await describeTree(vol.mountpoint);
    const ino = (await lstat(join(vol.mountpoint, "table"))).ino;
    // A database writes two pages mid-file and grows the table; the WAL is cut short.
    const fh = await open(join(vol.mountpoint, "table"), "r+");
    await fh.write(page(99, 4096), 0, 4096, 5 * MiB + 100);
    await fh.write(page(98, 4096), 0, 4096, 17 * MiB);
    await fh.write(page(97, MiB), 0, MiB, 20 * MiB);
    await fh.close();
    await truncate(join(vol.mountpoint, "wal"), 3 * MiB);
    // Rewritten with the same bytes: its stamp moved, its content did not (nothing to write back).
    await writeFile(join(vol.mountpoint, "same"), page(5, 9 * MiB));
    await writeFile(join(vol.mountpoint, "linked"), page(8, 10 * MiB));
    const res = await restoreSnapshot([vol], opts());
    expect(await describeTree(vol.mountpoint)).toEqual(before);
    expect((await lstat(join(vol.mountpoint, "table"))).ino).toBe(ino);
    expect(res.filesCopied).toBe(5); // table, wal, same, linked (+ its second link, made again)
    // table: two 1 MiB blocks rewritten; wal: the 6 MiB it lost; same: nothing; linked: copied whole (10 MiB).
    expect(res.bytesWritten).toBe(2 * MiB + 6 * MiB + 10 * MiB);
    expect(res.bytesCopied).toBe(20 * MiB + 9 * MiB + 9 * MiB + 10 * MiB + 10 * MiB);
  });

  it("a new snapshot replaces the known-good atomically and leaves no work directories", async () => {
    const vols = await makeVolumes();
    const first = await snapshotVolumes(vols, { ...opts(), commit: "c1" });
    await writeFile(join(vols[1]!.mountpoint, "photo2.jpg"), "more");
    const second = await snapshotVolumes(vols, { ...opts(), commit: "c2" });
    expect(second.manifestDigest).not.toBe(first.manifestDigest);
    expect(await readdir(join(state, "demo"))).toEqual(["known-good"]);
    const v = await verifySnapshot(state, "demo");
    expect([v.ok, v.commit, v.manifestDigest]).toEqual([true, "c2", second.manifestDigest]);
  });

  it("verifySnapshot reports tampering inside known-good", async () => {
    const vols = await makeVolumes();
    await snapshotVolumes(vols, { ...opts(), commit: "c1" });
    const kg = join(state, "demo", "known-good");
    await writeFile(join(kg, "uploads", "photo.jpg"), "JPEG"); // same size
    await writeFile(join(kg, "stray"), "");
    const v = await verifySnapshot(state, "demo");
    expect(v.ok).toBe(false);
    expect(v.mismatches).toEqual(expect.arrayContaining([
      expect.objectContaining({ volume: "uploads", path: "photo.jpg", problem: expect.stringMatching(/sha256/) }),
      expect.objectContaining({ volume: ".", path: "stray" }),
    ]));
  });
});

describe("pre-flight refusals write nothing", () => {
  it("refuses when the mount check fails", async () => {
    const vols = await makeVolumes();
    const busy: MountCheck = async () => { throw new InfraError("warm-demo_db-data is mounted by c1"); };
    await expect(snapshotVolumes(vols, { ...opts(), commit: "c1", mountCheck: busy })).rejects.toThrow(/mounted by c1/);
    await expect(restoreSnapshot(vols, { ...opts(), mountCheck: busy })).rejects.toThrow(/mounted by c1/);
    expect(await readdir(state)).toEqual([]);
  });

  it("refuses when the snapshot would push the filesystem past maxUsePercent", async () => {
    const vols = await makeVolumes();
    const err = await snapshotVolumes(vols, { ...opts(), commit: "c1", maxUsePercent: 0.001 }).catch((e) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect(err.message).toMatch(/maxUsePercent 0.001%/);
    expect(await readdir(join(state, "demo"))).toEqual([]);
  });

  it("rejects bad input before any side effect", async () => {
    const vols = await makeVolumes();
    await expect(snapshotVolumes(vols, { ...opts(), recipe: "../x", commit: "c1" })).rejects.toBeInstanceOf(InputError);
    await expect(snapshotVolumes(vols, { ...opts(), commit: "a b" })).rejects.toThrow(/commit/);
    await expect(snapshotVolumes([...vols, { ...vols[0]!, name: "other_db-data", key: "db-data" }], { ...opts(), commit: "c1" })).rejects.toThrow(/same key/);
    await expect(restoreSnapshot(vols, opts())).rejects.toThrow(/MANIFEST/);
    await snapshotVolumes(vols, { ...opts(), commit: "c1" });
    await expect(restoreSnapshot(vols.slice(0, 1), opts())).rejects.toThrow(/also holds uploads/);
    expect(checked.length).toBeGreaterThan(0);
  });
});
