/**
 * Compare a live tree with the MANIFEST entries of one volume: what is missing, extra, changed
 * in content, or changed only in metadata. Shared by verify (report) and restore (plan).
 * @module
 */
import { entryDiff, hashEntries, type ProgressCounter, sameMtime } from "./hash-entries.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import { showName } from "./names.ts";
import type { ProgressFn } from "./types.ts";
import { walkTree } from "./walk.ts";

/** How much content hashing a comparison does. */
export type HashMode =
  /** Hash every regular file whose size matches (correct even if mtime was forged). */
  | "all"
  /**
   * Trust a file whose `stamp` (inode + ctime, set by the kernel on any change) and mtime equal
   * the MANIFEST's: it is the very file the snapshot read, unchanged since. Hash the rest.
   */
  | "stamp"
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
  /** Live paths to unlink before copying over them (symlinks, special files, hard-linked files). */
  unlink: string[];
  /** Directories to create. */
  mkdirs: ManifestEntry[];
  /** Non-directories to copy back from the snapshot (missing, wrong type, content, target or link differs). */
  replace: ManifestEntry[];
  /** Same content, different mode/owner/mtime. */
  metaOnly: ManifestEntry[];
  /**
   * Paths of `replace` that exist live as a regular file of one link, of the right type and not
   * in `unlink` or `wrongType`: they may be overwritten in place.
   */
  present: string[];
  /** Regular files hashed during the comparison. */
  hashedFiles: number;
}

/** Options for {@linkcode compareTree}. */
export interface CompareOptions {
  hash: HashMode;
  /** Compare mtimes (default true). */
  times?: boolean;
  /** The tree is a snapshot store: its files are expected without write bits. */
  readOnly?: boolean;
  counter?: ProgressCounter;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /**
   * Regular files of at least this size that would be hashed (not trusted) and are singly linked
   * are not hashed but listed in `replace`: the caller compares them block by block anyway.
   */
  unhashedFrom?: number;
}

const trusted = (mode: HashMode, want: ManifestEntry, got: ManifestEntry): boolean =>
  mode === "quick" ? sameMtime(want.mtimeNs, got.mtimeNs) : mode === "stamp" ? want.stamp !== undefined && want.stamp === got.stamp && sameMtime(want.mtimeNs, got.mtimeNs) : false;

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
  const { entries: live, nlink } = await walkTree(root, { signal: options.signal });
  const liveBy = new Map(live.map((e) => [e.path, e]));
  const wantPaths = new Set(expected.map((e) => e.path));
  const out: TreeComparison = { mismatches: [], extra: [], wrongType: [], unlink: [], mkdirs: [], replace: [], metaOnly: [], present: [], hashedFiles: 0 };
  const toHash: [ManifestEntry, ManifestEntry][] = [];
  const later: [ManifestEntry, ManifestEntry][] = [];
  const unhashed = new Set<string>();
  for (const want of expected) {
    const got = liveBy.get(want.path);
    if (!got || got.type !== want.type) {
      if (got) out.wrongType.push(want.path);
      out.mismatches.push({ path: showName(want.path), problem: got ? `type ${want.type} ≠ ${got.type}` : "missing" });
      (want.type === "dir" ? out.mkdirs : out.replace).push(want);
      continue;
    }
    const primary = want.hardlinkOf === undefined && got.hardlinkOf === undefined;
    if (want.type === "file" && primary && want.size === got.size && !trusted(options.hash, want, got)) {
      if (options.unhashedFrom !== undefined && got.size >= options.unhashedFrom && !nlink.has(got.path)) unhashed.add(want.path);
      else toHash.push([want, got]);
    }
    later.push([want, got]);
  }
  const counter = options.counter ?? { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 };
  if (!options.counter) [counter.bytesTotal, counter.filesTotal] = [toHash.reduce((n, [w]) => n + w.size, 0), toHash.length];
  await hashEntries(root, toHash.map(([, got]) => got), { counter, phase: "compare", onProgress: options.onProgress, signal: options.signal });
  out.hashedFiles = toHash.length;
  for (const [want, got] of later) {
    if (unhashed.has(want.path)) {
      out.mismatches.push({ path: showName(want.path), problem: "changed since the snapshot (inode or ctime); compared by block" });
      out.replace.push(want);
    } else classify(want, got, out, options, nlink.has(got.path));
  }
  const replaced = new Set(out.replace.map((e) => e.path));
  for (const [want, got] of later) if (replaced.has(want.path) && got.type === "file" && !nlink.has(got.path)) out.present.push(want.path);
  // A re-copied file is a new inode: its hard links must be made again.
  for (const [want, got] of later) {
    if (want.hardlinkOf === undefined || !replaced.has(want.hardlinkOf) || replaced.has(want.path)) continue;
    [out.replace, out.unlink] = [[...out.replace, want], [...out.unlink, got.path]];
    out.metaOnly = out.metaOnly.filter((e) => e !== want);
  }
  const extras = live.filter((e) => !wantPaths.has(e.path)).map((e) => e.path);
  const extraSet = new Set(extras);
  out.extra = extras.filter((p) => !extraSet.has(parentOf(p)));
  for (const p of out.extra) out.mismatches.push({ path: showName(p), problem: "not in the snapshot" });
  return out;
}

function classify(want: ManifestEntry, got: ManifestEntry, out: TreeComparison, options: CompareOptions, multiplyLinked: boolean): void {
  const diff = entryDiff(want, got, { times: options.times, readOnly: options.readOnly });
  if (!diff.length) return;
  out.mismatches.push({ path: showName(want.path), problem: diff.join(", ") });
  const content = want.size !== got.size || want.hardlinkOf !== got.hardlinkOf || (want.sha256 !== undefined && got.sha256 !== undefined && want.sha256 !== got.sha256);
  // Only regular files and directories get metadata fixed in place; anything else is re-made.
  if (want.type === "dir" || (want.type === "file" && !content)) return void out.metaOnly.push(want);
  out.replace.push(want);
  if (want.type !== "file" || multiplyLinked) out.unlink.push(want.path);
}

function parentOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "." : p.slice(0, i);
}
