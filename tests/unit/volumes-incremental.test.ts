// Incremental known-good: unchanged files come from the previous known-good by hard link, the
// rest is copied; a forged mtime cannot pass a change off as unchanged; a hand-edited known-good
// is reported by verification and never linked into the next one; restore hashes only files
// whose stamp moved. Real filesystem; only the docker mount check is faked.
import { lstatSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { restoreSnapshot, snapshotVolumes, verifySnapshot } from "../../lib/volumes/mod.ts";
import { buildBulkTree, describeTree } from "../helpers/volumes-tree.ts";

let base: string;
let state: string;
let vol: { name: string; mountpoint: string };
const opts = () => ({ stateDir: state, recipe: "inc", stack: "warm-inc", mountCheck: async () => {} });
const store = (rel: string) => join(state, "inc", "known-good", "data", rel);
const inodes = (rels: string[]) => Object.fromEntries(rels.map((r) => [r, lstatSync(store(r)).ino]));
const files = () => readdirSync(vol.mountpoint).flatMap((d) => readdirSync(join(vol.mountpoint, d)).map((f) => `${d}/${f}`)).sort();

/** Rewrite a file with same-size content and put its old mtime back (what a forger would do). */
function forge(path: string, content: string): void {
  const st = statSync(path);
  writeFileSync(path, content.padEnd(st.size, "#").slice(0, st.size));
  utimesSync(path, st.atime, st.mtime);
}

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-inc-"));
  state = join(base, "state");
  vol = { name: "warm-inc_data", mountpoint: join(base, "data") };
  await mkdir(state);
  await buildBulkTree(vol.mountpoint, 200, 2_000_000);
});
afterEach(async () => { await rm(base, { recursive: true, force: true }); });

it("links unchanged files from the previous known-good and copies only what changed, even behind a forged mtime", async () => {
  const first = await snapshotVolumes([vol], { ...opts(), commit: "c1" });
  expect(first.reusedFiles).toBe(0);
  const all = files();
  const was = inodes(all);
  writeFileSync(join(vol.mountpoint, "d0/f0.bin"), "new size");
  forge(join(vol.mountpoint, "d1/f1.bin"), "same size, old mtime");
  const second = await snapshotVolumes([vol], { ...opts(), commit: "c2" });
  expect(second.reusedFiles).toBe(198);
  const now = inodes(all);
  expect(all.filter((r) => now[r] !== was[r])).toEqual(["d0/f0.bin", "d1/f1.bin"]);
  // Committed snapshot files are read-only; the old known-good is gone, so links are single again.
  for (const r of all) expect(lstatSync(store(r)).mode & 0o222).toBe(0);
  expect(lstatSync(store("d2/f2.bin")).nlink).toBe(1);
  expect((await verifySnapshot(state, "inc")).mismatches).toEqual([]);
  // Dropping the old copy moved the shared files' ctime; the seal written after it keeps a third
  // snapshot incremental.
  writeFileSync(join(vol.mountpoint, "d2/f2.bin"), "third");
  expect((await snapshotVolumes([vol], { ...opts(), commit: "c3" })).reusedFiles).toBe(199);
  expect((await verifySnapshot(state, "inc")).mismatches).toEqual([]);
  // The known-good now holds the forged file's real content: a restore brings it back exactly.
  const before = await describeTree(vol.mountpoint);
  writeFileSync(join(vol.mountpoint, "d1/f1.bin"), "damage");
  await restoreSnapshot([vol], opts());
  expect(await describeTree(vol.mountpoint)).toEqual(before);
});

it("reports a hand-edited known-good and does not link the edited file into the next snapshot", async () => {
  await snapshotVolumes([vol], { ...opts(), commit: "c1" });
  forge(store("d3/f3.bin"), "tampered");
  const v = await verifySnapshot(state, "inc");
  expect(v.mismatches).toEqual([expect.objectContaining({ path: "d3/f3.bin", problem: expect.stringMatching(/sha256/) })]);
  const next = await snapshotVolumes([vol], { ...opts(), commit: "c2" });
  expect(next.reusedFiles).toBe(199);
  expect((await verifySnapshot(state, "inc")).mismatches).toEqual([]);
});

it("restore hashes only the files whose stamp moved since the snapshot read them", async () => {
  await snapshotVolumes([vol], { ...opts(), commit: "c1" });
  for (let i = 0; i < 200; i += 20) forge(join(vol.mountpoint, `d${i % 20}`, `f${i}.bin`), `changed ${i}`);
  const res = await restoreSnapshot([vol], opts());
  expect([res.hashedFiles, res.filesCopied]).toEqual([10, 10]);
  // The restored files are new inodes: the next restore hashes those (and only those) again.
  const again = await restoreSnapshot([vol], opts());
  expect([again.hashedFiles, again.filesCopied]).toEqual([10, 0]);
});
