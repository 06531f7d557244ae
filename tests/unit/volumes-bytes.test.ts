// Every file a volume can hold: names that are not UTF-8, hard links (kept as hard links),
// FIFOs, symlinks (also with targets that are not UTF-8) and sparse files survive snapshot →
// damage → restore byte for byte, on Node and on Deno. Real filesystem; only the docker mount
// check is faked.
import { execa } from "execa";
import { lstatSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readManifest, restoreSnapshot, snapshotVolumes, verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/mod.ts";
import { addByteNamesAndLinks, allocatedBytes, buildVariedTree, describeTreeBytes, readOnlyView } from "../helpers/volumes-tree.ts";

const CHILD = resolve(import.meta.dirname, "../helpers/volumes-op-child.ts");
const CONFIG = resolve(import.meta.dirname, "../../deno.json");
const DENO = resolve(import.meta.dirname, "../../node_modules/.bin/deno");
let base: string;
let state: string;
let vol: { name: string; mountpoint: string };
const opts = () => ({ stateDir: state, recipe: "bytes", stack: "warm-bytes", mountCheck: async () => {} });
const latin1 = (root: string) => Buffer.concat([Buffer.from(`${root}/caf`), Buffer.from([0xe9]), Buffer.from("-latin1.txt")]);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-bytes-"));
  state = join(base, "state");
  vol = { name: "warm-bytes_data", mountpoint: join(base, "data") };
  await mkdir(state);
  await mkdir(vol.mountpoint);
  await buildVariedTree(vol.mountpoint);
  addByteNamesAndLinks(vol.mountpoint);
});
afterEach(async () => { await rm(base, { recursive: true, force: true }); });

/** Damage every special kind: a byte-named file, a hard link, the FIFO and the byte symlink. */
function damage(root: string): void {
  writeFileSync(latin1(root), "changed content\n");
  unlinkSync(join(root, "linked-c"));
  writeFileSync(join(root, "linked-c"), "same inode\n"); // same content, no longer a link
  rmSync(join(root, "pipe"));
  unlinkSync(join(root, "byte-target"));
  symlinkSync("elsewhere", join(root, "byte-target"));
  renameSync(join(root, "sparse.img"), join(root, "moved.img"));
}

it("snapshots, verifies and restores names that are not UTF-8, hard links, FIFOs and symlinks (Node)", async () => {
  const before = describeTreeBytes(vol.mountpoint);
  expect(before["caf\\xe9-latin1.txt"]).toMatch(/^file /);
  expect(before["linked-c"]).toMatch(/hardlink-of=linked-a/);
  await snapshotVolumes([vol], { ...opts(), commit: "c1" });
  const kg = join(state, "bytes", "known-good");
  // The store holds the same tree (links too), files read-only.
  expect(describeTreeBytes(join(kg, "data"))).toEqual(readOnlyView(before));
  // MANIFEST: exact bytes as base64 where a name is not UTF-8, and the hard-link groups.
  const raw = JSON.parse(readFileSync(join(kg, "MANIFEST"), "utf8"));
  expect(raw.format).toBe(2);
  expect(raw.volumes[0].entries).toEqual(expect.arrayContaining([
    expect.objectContaining({ path: { base64: Buffer.from("caf\xe9-latin1.txt", "latin1").toString("base64") }, type: "file" }),
    expect.objectContaining({ path: "byte-target", target: { base64: Buffer.from("to-\xe9", "latin1").toString("base64") } }),
    expect.objectContaining({ path: "linked-c", hardlinkOf: "linked-a" }),
    expect.objectContaining({ path: "pipe", type: "fifo" }),
  ]));
  const { manifest } = await readManifest(kg);
  expect(manifest.volumes[0]!.entries.find((e) => e.path === "caf\udce9-latin1.txt")).toBeDefined();
  expect((await verifySnapshot(state, "bytes")).mismatches).toEqual([]);

  damage(vol.mountpoint);
  const live = await verifyVolumesAgainstManifest([vol], opts());
  expect(live.mismatches.map((m) => m.path)).toEqual(expect.arrayContaining(["caf\\xe9-latin1.txt", "linked-c", "pipe", "byte-target", "sparse.img", "moved.img"]));
  await restoreSnapshot([vol], opts());
  expect(describeTreeBytes(vol.mountpoint)).toEqual(before);
  expect(await allocatedBytes(join(vol.mountpoint, "sparse.img"))).toBeLessThan(1 << 20);
  // Restore copies, never links: the store's files keep their single link.
  expect(lstatSync(latin1(join(kg, "data"))).nlink).toBe(1);
  expect(lstatSync(join(kg, "data", "linked-a")).nlink).toBe(3);
  expect((await verifyVolumesAgainstManifest([vol], opts())).mismatches).toEqual([]);
});

it("does the same on Deno, whose fs cannot even list such names", async () => {
  const before = describeTreeBytes(vol.mountpoint);
  const run = (...args: string[]) => execa(DENO, ["run", "-A", "--config", CONFIG, CHILD, args[0]!, state, "bytes", vol.mountpoint, ...args.slice(1)], { reject: false, timeout: 120_000 });
  const snap = await run("snapshot", "c1");
  expect(snap.exitCode, snap.stderr).toBe(0);
  expect(describeTreeBytes(join(state, "bytes", "known-good", "data"))).toEqual(readOnlyView(before));
  damage(vol.mountpoint);
  const restored = await run("restore");
  expect(restored.exitCode, restored.stderr).toBe(0);
  expect(JSON.parse(restored.stdout).filesCopied).toBeGreaterThanOrEqual(5);
  expect(describeTreeBytes(vol.mountpoint)).toEqual(before);
  const verified = await run("verify");
  expect(verified.exitCode, verified.stderr).toBe(0);
  const v = JSON.parse(verified.stdout);
  expect([v.store.mismatches, v.live.mismatches]).toEqual([[], []]);
}, 120_000);
