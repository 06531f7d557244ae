/**
 * Walk a volume tree without following symlinks and describe each entry (no hashing here).
 * @module
 */
import type { BigIntStats } from "node:fs";
import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { mapLimit } from "./hash.ts";
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
  const s = st ?? (await lstat(abs, { bigint: true }));
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
  if (type === "symlink") entry.target = await readlink(abs);
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
  // Depth-first, a directory before its children; the children of one directory are
  // lstat'ed concurrently (a sequential walk spends most of its time waiting on the thread pool).
  const visit = async (rel: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const abs = rel === "." ? root : join(root, rel);
    const names = (await readdir(abs)).sort();
    const kids = await mapLimit(names, 32, async (n) => {
      const r = rel === "." ? n : `${rel}/${n}`;
      const st = await lstat(join(root, r), { bigint: true });
      return [await describeEntry(root, r, st), st] as const;
    });
    for (const [e, st] of kids) {
      add(e, st);
      if (e.type === "dir") await visit(e.path);
    }
  };
  const st = await lstat(root, { bigint: true });
  const top = await describeEntry(root, ".", st);
  add(top, st);
  if (top.type === "dir") await visit(".");
  return scan;
}
