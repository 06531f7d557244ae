/**
 * Walk a volume tree without following symlinks and describe each entry (no hashing here).
 * @module
 */
import { type BigIntStats, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { yieldSometimes } from "./hash.ts";
import type { EntryType, ManifestEntry } from "./manifest-schema.ts";

/** The result of {@linkcode walkTree}. */
export interface TreeScan {
  /** Entries in a deterministic order: a directory before its children, names sorted. */
  entries: ManifestEntry[];
  /** Sum of regular-file apparent sizes. */
  bytes: number;
  /** Bytes actually allocated on disk (sparse-aware): what a copy will need at most. */
  allocatedBytes: number;
}

/**
 * The {@linkcode EntryType} of an lstat result.
 *
 * @example
 * ```ts
 * entryType(await lstat(p, { bigint: true })); // "file"
 * ```
 */
export function entryType(st: BigIntStats): EntryType {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isFIFO()) return "fifo";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "char";
  return "block";
}

/**
 * Describe one entry (without sha256) from its lstat result.
 *
 * @example
 * ```ts
 * const e = await describeEntry("/data", "a/b.txt");
 * ```
 */
export async function describeEntry(root: string, rel: string, st?: BigIntStats): Promise<ManifestEntry> {
  const abs = rel === "." ? root : join(root, rel);
  return entryOf(abs, rel, st ?? (await lstat(abs, { bigint: true })));
}

function entryOf(abs: string, rel: string, s: BigIntStats): ManifestEntry {
  const type = entryType(s);
  const entry: ManifestEntry = {
    path: rel,
    type,
    size: type === "file" ? Number(s.size) : 0,
    mode: Number(s.mode & 0o7777n),
    uid: Number(s.uid),
    gid: Number(s.gid),
    mtimeNs: s.mtimeNs.toString(),
  };
  if (type === "symlink") entry.target = readlinkSync(abs);
  return entry;
}

/**
 * Walk `root` (not following symlinks) and describe every entry, the root itself as `.`.
 *
 * @example
 * ```ts
 * const { entries, bytes } = await walkTree("/var/lib/docker/volumes/x/_data");
 * ```
 */
export async function walkTree(root: string, options: { signal?: AbortSignal } = {}): Promise<TreeScan> {
  const scan: TreeScan = { entries: [], bytes: 0, allocatedBytes: 0 };
  const add = (e: ManifestEntry, st: BigIntStats) => {
    scan.entries.push(e);
    scan.allocatedBytes += Number(st.blocks) * 512;
    if (e.type === "file") scan.bytes += e.size;
  };
  // Depth-first, a directory before its children. Synchronous readdir/lstat: 3-4x faster than
  // fs/promises (a thread-pool round trip per entry) on a busy machine; the event loop still
  // gets a turn every ~20 ms, and an abort is noticed per directory.
  const visit = async (rel: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const abs = rel === "." ? root : join(root, rel);
    const dirs: string[] = [];
    for (const n of readdirSync(abs).sort()) {
      await yieldSometimes();
      const r = rel === "." ? n : `${rel}/${n}`;
      const path = join(root, r);
      const st = lstatSync(path, { bigint: true });
      const e = entryOf(path, r, st);
      add(e, st);
      if (e.type === "dir") dirs.push(r);
    }
    // All of a directory's entries first, then its subdirectories' (the order MANIFESTs have).
    for (const d of dirs) await visit(d);
  };
  const st = lstatSync(root, { bigint: true });
  const top = entryOf(root, ".", st);
  add(top, st);
  if (top.type === "dir") await visit(".");
  return scan;
}
