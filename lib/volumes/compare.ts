/**
 * Compare a live tree with the MANIFEST entries of one volume: what is missing, extra, changed
 * in content, or changed only in metadata. Shared by verify (report) and restore (plan).
 * @module
 */
import { join } from "node:path";
import { entryDiff, type ProgressCounter, sameMtime } from "./hash-entries.ts";
import { sha256File, mapLimit } from "./hash.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import type { ProgressFn } from "./types.ts";
import { walkTree } from "./walk.ts";

/** How much content hashing a comparison does. */
export type HashMode =
  /** Hash every regular file whose size matches (correct even if mtime was forged). */
  | "all"
  /** Trust equal size + mtime (rsync's quick check); hash only when they disagree. */
  | "quick";

/** The outcome of {@linkcode compareTree}. */
export interface TreeComparison {
  /** Human-readable differences, one per path. */
  mismatches: { path: string; problem: string }[];
  /** Live paths that are not in the MANIFEST (topmost only: a removed dir takes its children). */
  extra: string[];
  /** Live paths whose type is wrong: remove before re-creating. */
  wrongType: string[];
  /** Directories to create. */
  mkdirs: ManifestEntry[];
  /** Non-directories to copy back from the snapshot (missing, wrong type, content or target differs). */
  replace: ManifestEntry[];
  /** Same content, different mode/owner/mtime. */
  metaOnly: ManifestEntry[];
  /** Regular files hashed during the comparison. */
  hashedFiles: number;
}

/** Options for {@linkcode compareTree}. */
export interface CompareOptions {
  hash: HashMode;
  /** Compare mtimes (default true). */
  times?: boolean;
  counter?: ProgressCounter;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/**
 * Compare the tree at `root` with `expected` (one volume's MANIFEST entries).
 *
 * @example
 * ```ts
 * const cmp = await compareTree("/var/lib/docker/volumes/x/_data", manifest.volumes[0].entries, { hash: "all" });
 * if (cmp.mismatches.length) console.log(cmp.mismatches);
 * ```
 */
export async function compareTree(root: string, expected: readonly ManifestEntry[], options: CompareOptions): Promise<TreeComparison> {
  const { entries: live } = await walkTree(root, { signal: options.signal });
  const liveBy = new Map(live.map((e) => [e.path, e]));
  const wantPaths = new Set(expected.map((e) => e.path));
  const out: TreeComparison = { mismatches: [], extra: [], wrongType: [], mkdirs: [], replace: [], metaOnly: [], hashedFiles: 0 };
  const toHash: [ManifestEntry, ManifestEntry][] = [];
  for (const want of expected) {
    const got = liveBy.get(want.path);
    if (!got || got.type !== want.type) {
      if (got) out.wrongType.push(want.path);
      out.mismatches.push({ path: want.path, problem: got ? `type ${want.type} ≠ ${got.type}` : "missing" });
      (want.type === "dir" ? out.mkdirs : out.replace).push(want);
      continue;
    }
    if (want.type === "file" && want.size === got.size && (options.hash === "all" || !sameMtime(want.mtimeNs, got.mtimeNs))) {
      toHash.push([want, got]);
      continue;
    }
    classify(want, got, out, options);
  }
  const counter = options.counter ?? { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 };
  if (!options.counter) [counter.bytesTotal, counter.filesTotal] = [toHash.reduce((n, [w]) => n + w.size, 0), toHash.length];
  await mapLimit(toHash, 4, async ([want, got]) => {
    got.sha256 = await sha256File(join(root, want.path), { signal: options.signal });
    [counter.bytesDone, counter.filesDone] = [counter.bytesDone + want.size, counter.filesDone + 1];
    options.onProgress?.(counter.bytesDone, counter.bytesTotal, counter.filesDone, counter.filesTotal, "compare");
  }, { signal: options.signal });
  out.hashedFiles = toHash.length;
  for (const [want, got] of toHash) classify(want, got, out, options);
  const extras = live.filter((e) => !wantPaths.has(e.path)).map((e) => e.path);
  const extraSet = new Set(extras);
  out.extra = extras.filter((p) => !extraSet.has(parentOf(p)));
  for (const p of out.extra) out.mismatches.push({ path: p, problem: "not in the snapshot" });
  return out;
}

function classify(want: ManifestEntry, got: ManifestEntry, out: TreeComparison, options: CompareOptions): void {
  const diff = entryDiff(want, got, { times: options.times });
  if (!diff.length) return;
  out.mismatches.push({ path: want.path, problem: diff.join(", ") });
  const content = want.size !== got.size || want.target !== got.target || (want.sha256 !== undefined && got.sha256 !== undefined && want.sha256 !== got.sha256);
  // Special files carry no content to compare: re-create them from the snapshot.
  const special = want.type !== "file" && want.type !== "dir" && want.type !== "symlink";
  (content || special ? out.replace : out.metaOnly).push(want);
}

function parentOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "." : p.slice(0, i);
}
