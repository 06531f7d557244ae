/**
 * Walk a volume tree without following symlinks and describe each entry (no hashing here).
 * @module
 */
import type { BigIntStats } from "node:fs";
import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
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
  const entries: ManifestEntry[] = [];
  let bytes = 0;
  let allocatedBytes = 0;
  const stack: string[] = ["."];
  while (stack.length > 0) {
    options.signal?.throwIfAborted();
    const rel = stack.pop() as string;
    const abs = rel === "." ? root : join(root, rel);
    const st = await lstat(abs, { bigint: true });
    const entry = await describeEntry(root, rel, st);
    entries.push(entry);
    allocatedBytes += Number(st.blocks) * 512;
    if (entry.type === "file") bytes += entry.size;
    if (entry.type !== "dir") continue;
    const names = (await readdir(abs)).sort();
    for (let i = names.length - 1; i >= 0; i--) stack.push(rel === "." ? (names[i] as string) : `${rel}/${names[i]}`);
  }
  return { entries, bytes, allocatedBytes };
}
