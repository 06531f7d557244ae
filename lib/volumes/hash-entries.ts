/**
 * Fill in sha256 for the regular files of a scanned tree, with bounded concurrency and progress.
 * @module
 */
import { join } from "node:path";
import { mapLimit, sha256File } from "./hash.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import type { ProgressFn, SnapshotPhase } from "./types.ts";

/** A running byte/file counter shared by several trees within one phase. */
export interface ProgressCounter {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

/**
 * Hash every regular file of `entries` (rooted at `root`) in place, reporting progress.
 *
 * @example
 * ```ts
 * await hashEntries("/state/demo/.tmp-1/db", scan.entries, { counter, phase: "hash" });
 * ```
 */
export async function hashEntries(
  root: string,
  entries: ManifestEntry[],
  options: { counter: ProgressCounter; phase: SnapshotPhase; onProgress?: ProgressFn; signal?: AbortSignal },
): Promise<void> {
  const { counter } = options;
  const files = entries.filter((e) => e.type === "file");
  await mapLimit(files, 4, async (e) => {
    e.sha256 = await sha256File(join(root, e.path), { signal: options.signal });
    counter.bytesDone += e.size;
    counter.filesDone += 1;
    options.onProgress?.(counter.bytesDone, counter.bytesTotal, counter.filesDone, counter.filesTotal, options.phase);
  }, { signal: options.signal });
}

/**
 * Whether two mtimes (ns strings) are equal to the millisecond. Node reports nanoseconds but
 * Deno only milliseconds, so MANIFESTs written by either must compare equal on both.
 *
 * @example
 * ```ts
 * sameMtime("1700000000123456789", "1700000000123000000"); // true
 * ```
 */
export function sameMtime(a: string, b: string): boolean {
  return BigInt(a) / 1_000_000n === BigInt(b) / 1_000_000n;
}

/**
 * Describe how two entries differ in metadata or content (empty when equal). Compares type, size,
 * mode, owner, mtime (to the millisecond), symlink target and, when both have one, sha256.
 *
 * @example
 * ```ts
 * entryDiff(expected, actual); // ["mode 644 ≠ 600"]
 * ```
 */
export function entryDiff(want: ManifestEntry, got: ManifestEntry, options: { times?: boolean } = {}): string[] {
  const out: string[] = [];
  if (want.type !== got.type) return [`type ${want.type} ≠ ${got.type}`];
  if (want.size !== got.size) out.push(`size ${want.size} ≠ ${got.size}`);
  if (want.type !== "symlink" && want.mode !== got.mode) out.push(`mode ${want.mode.toString(8)} ≠ ${got.mode.toString(8)}`);
  if (want.uid !== got.uid || want.gid !== got.gid) out.push(`owner ${want.uid}:${want.gid} ≠ ${got.uid}:${got.gid}`);
  if ((options.times ?? true) && !sameMtime(want.mtimeNs, got.mtimeNs)) out.push(`mtime ${want.mtimeNs} ≠ ${got.mtimeNs}`);
  if (want.target !== got.target) out.push(`symlink target ${JSON.stringify(want.target)} ≠ ${JSON.stringify(got.target)}`);
  if (want.sha256 && got.sha256 && want.sha256 !== got.sha256) out.push("content (sha256) differs");
  return out;
}
