/**
 * Snapshot and restore of a 1 GiB / 20,000-file tree against plain `cp -a` + `sync`.
 * Both sides write to the same filesystem (scratch dirs under /var/tmp, next to the cached
 * tree), start after an untimed `sync` so earlier writes do not leak into a measurement, and
 * run with the source in the page cache (the tree is read once before the first round).
 * @module
 */
import { join } from "node:path";
import { restoreSnapshot } from "../lib/volumes/restore.ts";
import { snapshotVolumes } from "../lib/volumes/snapshot.ts";
import type { VolumeRef } from "../lib/volumes/types.ts";
import { type BenchRow, median, row } from "./table.ts";
import { ensureTree, mutateTenPercent } from "./tree.ts";
import { interleave, load, scratchDir, sh } from "./util.ts";

const noMountCheck = async (): Promise<void> => {};
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const rounds = (fallback: number) => Number(process.env.CCW_BENCH_ROUNDS ?? fallback);

/** `snapshotVolumes` (copy + hash + MANIFEST + fsync + swap) vs `cp -a` + `sync -f` of the same tree. */
export async function benchSnapshot(): Promise<BenchRow[]> {
  const tree = await ensureTree();
  const tmp = scratchDir("snapshot");
  try {
    await sh("cat", ["--", ...tree.large.map((p) => join(tree.root, p))]).catch(() => {}); // warm the page cache
    await sh("tar", ["-C", tree.root, "-cf", "/dev/null", "."]);
    const vol: VolumeRef = { name: "ccw-bench-data", mountpoint: tree.root, key: "data" };
    const { ours, base } = await interleave(rounds(3), {
      log: "snapshot",
      // Each side starts from an empty target and a quiet disk: drop the previous copies, then sync.
      prepare: async () => {
        await sh("rm", ["-rf", join(tmp.dir, "state"), join(tmp.dir, "cp")]);
        await sh("sync", []);
      },
      ours: () => snapshotVolumes([vol], { stateDir: join(tmp.dir, "state"), recipe: "bench", commit: COMMIT, mountCheck: noMountCheck }),
      base: async () => {
        await sh("cp", ["-a", "--", tree.root, join(tmp.dir, "cp")]);
        await sh("sync", ["-f", "--", join(tmp.dir, "cp")]);
      },
    });
    const [o, b] = [median(ours), median(base)];
    return [row("snapshot", `snapshotVolumes of ${(tree.bytes / 2 ** 30).toFixed(2)} GiB in ${tree.files.length} files vs cp -a + sync -f (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 1.25 },
      `ours ${(tree.bytes / 2 ** 20 / (o / 1000)).toFixed(0)} MiB/s, cp -a ${(tree.bytes / 2 ** 20 / (b / 1000)).toFixed(0)} MiB/s; load ${load()}`)];
  } finally {
    tmp.dispose();
  }
}

/** `restoreSnapshot` after 10% of the files changed vs a full restore (rm -rf + cp -a + sync -f). */
export async function benchRestore(): Promise<BenchRow[]> {
  const tree = await ensureTree();
  const tmp = scratchDir("restore");
  try {
    const stateDir = join(tmp.dir, "state");
    const live = join(tmp.dir, "live");
    await snapshotVolumes([{ name: "ccw-bench-data", mountpoint: tree.root, key: "data" }], { stateDir, recipe: "bench", commit: COMMIT, mountCheck: noMountCheck });
    const knownGood = join(stateDir, "bench", "known-good", "data");
    await sh("cp", ["-a", "--", knownGood, live]);
    const vol: VolumeRef = { name: "ccw-bench-data", mountpoint: live, key: "data" };
    let changed = { files: 0, bytes: 0 };
    const stats: { copied: number; bytesCopied: number; hashed: number }[] = [];
    let quickMs = 0;
    const oursOnly: number[] = [];
    const syncMs: number[] = [];
    const { base } = await interleave(rounds(3), {
      log: "restore",
      prepare: async () => {
        changed = await mutateTenPercent(tree, live);
        await sh("sync", []);
      },
      ours: async () => {
        const t0 = performance.now();
        const res = await restoreSnapshot([vol], { stateDir, recipe: "bench", mountCheck: noMountCheck });
        oursOnly.push(performance.now() - t0);
        stats.push({ copied: res.filesCopied, bytesCopied: res.bytesCopied, hashed: res.hashedFiles });
        // restoreSnapshot does not sync; the baseline does. Measured apart, reported in the notes.
        const t1 = performance.now();
        await sh("sync", ["-f", "--", live]);
        syncMs.push(performance.now() - t1);
      },
      base: async () => {
        await sh("rm", ["-rf", "--", live]);
        await sh("cp", ["-a", "--", knownGood, live]);
        await sh("sync", ["-f", "--", live]);
      },
    });
    // For the notes: the same restore trusting size + mtime (rsync's quick check) instead of hashing.
    await mutateTenPercent(tree, live);
    await sh("sync", []);
    quickMs = (await restoreSnapshot([vol], { stateDir, recipe: "bench", mountCheck: noMountCheck, quickCheck: true })).durationMs;
    const [o, b] = [median(oursOnly), median(base)];
    const s = stats[0]!;
    return [row("restore", `restoreSnapshot after ${changed.files} of ${tree.files.length} files changed vs rm -rf + cp -a + sync -f (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 0.25 },
      `copied ${s.copied} files / ${(s.bytesCopied / 2 ** 20).toFixed(0)} MiB, hashed ${s.hashed}; + sync -f after it: ${(median(syncMs) / 1000).toFixed(2)} s; with quickCheck: ${(quickMs / 1000).toFixed(2)} s; load ${load()}`)];
  } finally {
    tmp.dispose();
  }
}
