/**
 * Snapshot and restore of a 1 GiB / 20,000-file tree against plain `cp -a` + `sync`.
 * Both sides write to the same filesystem (scratch dirs under /var/tmp, next to the cached
 * tree), start after an untimed `sync` so earlier writes do not leak into a measurement, and
 * run with the source in the page cache (the tree is read once before the first round).
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { restoreSnapshot } from "../lib/volumes/restore.ts";
import { snapshotVolumes } from "../lib/volumes/snapshot.ts";
import type { VolumeRef } from "../lib/volumes/types.ts";
import { mountXfs } from "./loopfs.ts";
import { type BenchRow, median, row } from "./table.ts";
import { type BenchTree, ensureTree, mutateTenPercent } from "./tree.ts";
import { interleave, load, scratchDir, sh } from "./util.ts";

const noMountCheck = async (): Promise<void> => {};
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const rounds = (fallback: number) => Number(process.env.CCW_BENCH_ROUNDS ?? fallback);
const volume = (mountpoint: string): VolumeRef => ({ name: "ccw-bench-data", mountpoint, key: "data" });
/** Phase timings of one run, for the log and the row's notes (where the time goes). */
const showPhases = (phases: Record<string, number>) => Object.entries(phases).map(([k, v]) => `${k} ${v}`).join(", ") + " ms";
const snapshot = async (mountpoint: string, stateDir: string) => {
  const res = await snapshotVolumes([volume(mountpoint)], { stateDir, recipe: "bench", commit: COMMIT, mountCheck: noMountCheck });
  console.error(`    phases: ${showPhases(res.phases)}`);
  return res;
};
const size = (tree: BenchTree) => `${(tree.bytes / 2 ** 30).toFixed(2)} GiB in ${tree.files.length} files`;
const cpSync = async (src: string, dst: string) => {
  await sh("cp", ["-a", "--", src, dst]);
  await sh("sync", ["-f", "--", dst]);
};

async function warmTree(): Promise<BenchTree> {
  const tree = await ensureTree();
  // Warm the page cache. Output to /dev/null through a shell: captured, cat's 768 MiB would sit in
  // this process and count in the snapshot's peak RSS; and GNU tar does not read file data when
  // its archive is /dev/null, so `tar -cf /dev/null` warms only the metadata.
  await sh("sh", ["-c", `cd "$1" && find . -type f -exec cat -- {} + > /dev/null`, "sh", tree.root]);
  return tree;
}

/** The argument that makes `bench/main.ts` run {@linkcode snapshotRssChild} instead of benchmarks. */
export const RSS_CHILD_FLAG = "--snapshot-rss-child";

/**
 * In a fresh process (the bench's own heap, grown by the benchmarks before, must not count):
 * one first snapshot of `src` into `stateDir`, then print the process's peak RSS in bytes.
 */
export async function snapshotRssChild([src, stateDir]: string[]): Promise<number> {
  await snapshotVolumes([volume(src!)], { stateDir: stateDir!, recipe: "bench", commit: COMMIT, mountCheck: noMountCheck });
  console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
  return 0;
}

/** Peak RSS (bytes) of a fresh Node process that takes one first snapshot of `src`. */
async function snapshotPeakRss(src: string, stateDir: string): Promise<number> {
  await sh("rm", ["-rf", stateDir]);
  const out = await sh(process.execPath, [fileURLToPath(import.meta.url), RSS_CHILD_FLAG, src, stateDir]);
  return (JSON.parse(out.trim().split("\n").at(-1)!) as { maxRssBytes: number }).maxRssBytes;
}

/**
 * First snapshot (`snapshotVolumes`: walk, copy while hashing, checks, fsync, MANIFEST, swap) vs
 * `cp -a` + `sync -f` of the same tree; and the peak RSS of the process during it.
 */
export async function benchSnapshot(): Promise<BenchRow[]> {
  const tree = await warmTree();
  const tmp = scratchDir("snapshot");
  try {
    const peaks: number[] = [];
    const { ours, base } = await interleave(rounds(3), {
      log: "snapshot",
      // Each side starts from an empty target and a quiet disk: drop the previous copies, then sync.
      prepare: async () => {
        await sh("rm", ["-rf", join(tmp.dir, "state"), join(tmp.dir, "cp")]);
        await sh("sync", []);
      },
      ours: () => snapshot(tree.root, join(tmp.dir, "state")),
      base: () => cpSync(tree.root, join(tmp.dir, "cp")),
    });
    const [o, b] = [median(ours), median(base)];
    for (let i = 0; i < 2; i++) peaks.push(await snapshotPeakRss(tree.root, join(tmp.dir, "rss-state")));
    const peak = Math.max(...peaks) / 2 ** 20;
    return [
      row("snapshot", `first snapshotVolumes of ${size(tree)} vs cp -a + sync -f (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 1.1 },
        `ours ${(tree.bytes / 2 ** 20 / (o / 1000)).toFixed(0)} MiB/s, cp -a ${(tree.bytes / 2 ** 20 / (b / 1000)).toFixed(0)} MiB/s; load ${load()}`),
      row("snapshot-rss", `peak RSS of the process during a first snapshot of ${size(tree)} vs a 200 MB budget`, peak, 200, "MB", { op: "<=", value: 1 },
        `max of ${peaks.length} runs, each in a fresh Node process (getrusage maxRSS; its cp/find/hash children not included); load ${load()}`),
    ];
  } finally {
    tmp.dispose();
  }
}

/** Re-snapshot after 10% of the files changed (incremental) vs a full first snapshot of the same tree. */
export async function benchResnapshot(): Promise<BenchRow[]> {
  const tree = await warmTree();
  const tmp = scratchDir("resnapshot");
  try {
    const live = join(tmp.dir, "live");
    await sh("cp", ["-a", "--", tree.root, live]);
    await snapshot(live, join(tmp.dir, "inc"));
    let reused = 0;
    let changed = 0;
    const { ours, base } = await interleave(rounds(3), {
      log: "re-snapshot",
      prepare: async (which) => {
        if (which === "ours") changed = (await mutateTenPercent(tree, live)).files;
        await sh("rm", ["-rf", join(tmp.dir, "full")]);
        await sh("sync", []);
      },
      ours: async () => (reused = (await snapshot(live, join(tmp.dir, "inc"))).reusedFiles),
      base: () => snapshot(live, join(tmp.dir, "full")),
    });
    const [o, b] = [median(ours), median(base)];
    return [row("resnapshot", `snapshotVolumes after ${changed} of ${tree.files.length} files changed vs a full snapshot of the same tree (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 0.3 },
      `${reused} files linked from the previous known-good, ${tree.files.length - reused} copied; load ${load()}`)];
  } finally {
    tmp.dispose();
  }
}

/** Snapshot on a loop-mounted xfs (reflink) vs `cp -a` + `sync -f` on ext4 (/var/tmp). */
export async function benchReflink(): Promise<BenchRow[]> {
  const tree = await warmTree();
  const xfs = await mountXfs(3);
  const tmp = scratchDir("reflink");
  try {
    const src = join(xfs.mnt, "data");
    await sh("cp", ["-a", "--", tree.root, src]);
    await sh("sh", ["-c", `cd "$1" && find . -type f -exec cat -- {} + > /dev/null`, "sh", src]);
    const { ours, base } = await interleave(rounds(3), {
      log: "reflink",
      prepare: async () => {
        await sh("rm", ["-rf", join(xfs.mnt, "state"), join(tmp.dir, "cp")]);
        await sh("sync", []);
      },
      ours: () => snapshot(src, join(xfs.mnt, "state")),
      base: () => cpSync(tree.root, join(tmp.dir, "cp")),
    });
    const [o, b] = [median(ours), median(base)];
    return [row("reflink", `first snapshotVolumes of ${size(tree)} on a loop-mounted xfs (reflink) vs cp -a + sync -f on ext4 (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 0.2 },
      `every byte still hashed (MANIFEST sha256); load ${load()}`)];
  } finally {
    tmp.dispose();
    await xfs.dispose();
  }
}

/** `restoreSnapshot` after 10% of the files changed vs a full restore (rm -rf + cp -a + sync -f). */
export async function benchRestore(): Promise<BenchRow[]> {
  const tree = await warmTree();
  const tmp = scratchDir("restore");
  try {
    const stateDir = join(tmp.dir, "state");
    const live = join(tmp.dir, "live");
    await sh("cp", ["-a", "--", tree.root, live]);
    await snapshot(live, stateDir);
    const knownGood = join(stateDir, "bench", "known-good", "data");
    const vol = volume(live);
    let changed = { files: 0, bytes: 0 };
    const stats: { copied: number; bytesCopied: number; bytesWritten: number; hashed: number }[] = [];
    const { ours, base } = await interleave(rounds(3), {
      log: "restore",
      prepare: async (which) => {
        if (which === "ours") changed = await mutateTenPercent(tree, live);
        await sh("sync", []);
      },
      // Ours includes the sync -f a caller does before trusting the data (restoreCanonical).
      ours: async () => {
        const res = await restoreSnapshot([vol], { stateDir, recipe: "bench", mountCheck: noMountCheck });
        console.error(`    phases: ${showPhases(res.phases)}`);
        await sh("sync", ["-f", "--", live]);
        stats.push({ copied: res.filesCopied, bytesCopied: res.bytesCopied, bytesWritten: res.bytesWritten, hashed: res.hashedFiles });
      },
      base: async () => {
        await sh("rm", ["-rf", "--", join(tmp.dir, "full")]);
        await cpSync(knownGood, join(tmp.dir, "full"));
      },
    });
    const [o, b] = [median(ours), median(base)];
    const s = stats[stats.length - 1]!;
    return [row("restore", `restoreSnapshot + sync -f after ${changed.files} of ${tree.files.length} files changed vs rm -rf + cp -a + sync -f (median of ${base.length})`, o / 1000, b / 1000, "s", { op: "<=", value: 0.2 },
      `restored ${s.copied} files / ${(s.bytesCopied / 2 ** 20).toFixed(0)} MiB writing ${(s.bytesWritten / 2 ** 20).toFixed(0)} MiB (large files patched by block), hashed ${s.hashed} (stamp changed); load ${load()}`)];
  } finally {
    tmp.dispose();
  }
}
