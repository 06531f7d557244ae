/**
 * Fill in sha256 for the regular files of a scanned tree, with bounded concurrency and progress.
 * @module
 */
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { runBytes } from "./bytes-exec.ts";
import { availableParallelism } from "node:os";
import { mapLimit, sha256File } from "./hash.ts";
import { sha256InChild } from "./hash-child.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import { decodeName, isPlainName, nulList } from "./names.ts";
import type { ProgressFn, SnapshotPhase } from "./types.ts";

/** A running byte/file counter shared by several trees within one phase. */
export interface ProgressCounter {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

/**
 * Hash the regular files among `entries` (rooted at `root`) in place, reporting progress. A
 * hard link takes its first member's digest (one read per inode). Names that are not UTF-8 are
 * hashed by `sha256sum` (no JS file API can open them); the rest in-process with OpenSSL's
 * SHA-NI code, ~4x faster than coreutils here.
 *
 * @example
 * ```ts
 * await hashEntries("/var/lib/docker/volumes/x/_data", scan.entries, { counter, phase: "hash" });
 * ```
 */
export async function hashEntries(
  root: string,
  entries: ManifestEntry[],
  options: { counter: ProgressCounter; phase: SnapshotPhase; onProgress?: ProgressFn; signal?: AbortSignal },
): Promise<void> {
  const { counter } = options;
  const files = entries.filter((e) => e.type === "file" && e.hardlinkOf === undefined);
  const done = (e: ManifestEntry) => {
    counter.bytesDone += e.size;
    counter.filesDone += 1;
    options.onProgress?.(counter.bytesDone, counter.bytesTotal, counter.filesDone, counter.filesTotal, options.phase);
  };
  const escaped = files.filter((e) => !isPlainName(e.path));
  if (escaped.length) {
    const sums = await sha256Sums(root, escaped.map((e) => e.path), options.signal);
    for (const e of escaped) [e.sha256] = [sums.get(e.path), done(e)];
  }
  const plain = files.filter((e) => isPlainName(e.path));
  const [here, there] = splitForChild(plain);
  const inThread = (list: ManifestEntry[]) => mapLimit(list, 4, async (e) => {
    e.sha256 = await sha256File(join(root, e.path), { signal: options.signal });
    done(e);
  }, { signal: options.signal });
  const inChild = async (): Promise<void> => {
    const digests = await sha256InChild(there.map((e) => join(root, e.path)), { signal: options.signal });
    for (const [i, e] of there.entries()) [e.sha256] = [digests[i], done(e)];
  };
  await Promise.all([inChild(), inThread(here)]);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  for (const e of entries) if (e.hardlinkOf !== undefined && e.type === "file") e.sha256 = byPath.get(e.hardlinkOf)?.sha256;
}

/** Work below this is not worth a second process (~40 ms to start). */
const CHILD_MIN_BYTES = 64 * 2 ** 20;

/**
 * Split `files` into the part hashed on this thread and the part for a child process: about half
 * the bytes each (largest first, each to the lighter side), when there is a second core and
 * enough work; otherwise everything stays here.
 */
function splitForChild(files: ManifestEntry[]): [ManifestEntry[], ManifestEntry[]] {
  const total = files.reduce((n, e) => n + e.size, 0);
  if (total < CHILD_MIN_BYTES || availableParallelism() < 2) return [[...files], []];
  const [here, there] = [{ files: [] as ManifestEntry[], bytes: 0 }, { files: [] as ManifestEntry[], bytes: 0 }];
  for (const e of [...files].sort((x, y) => y.size - x.size)) {
    const side = here.bytes <= there.bytes ? here : there;
    side.files.push(e);
    side.bytes += e.size;
  }
  return [here.files, there.files];
}

/** `sha256sum -z` of `rels` under `root` (its `-z` output leaves names unescaped). */
async function sha256Sums(root: string, rels: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = Buffer.from(await runBytes("xargs", ["-0", "-r", "--", "sha256sum", "-z", "--"], { cwd: root, input: nulList(rels), signal }));
  const sums = new Map<string, string>();
  for (let at = 0; at < out.length;) {
    const end = out.indexOf(0, at);
    sums.set(decodeName(out.subarray(at + 66, end)), out.toString("latin1", at, at + 64));
    at = end + 1;
  }
  return sums;
}

/**
 * Whether two mtimes (ns strings) are equal to the millisecond. MANIFESTs written before the
 * walk used `find` came from Deno's millisecond stat, so equality is to the millisecond.
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
 * mode, owner, mtime (to the millisecond), symlink target, hard-link group and, when both have
 * one, sha256. `readOnly` expects files without write bits (the snapshot store keeps them so);
 * `"either"` accepts a file with or without them.
 *
 * @example
 * ```ts
 * entryDiff(expected, actual); // ["mode 644 ≠ 600"]
 * ```
 */
export function entryDiff(want: ManifestEntry, got: ManifestEntry, options: { times?: boolean; readOnly?: boolean | "either" } = {}): string[] {
  const out: string[] = [];
  if (want.type !== got.type) return [`type ${want.type} ≠ ${got.type}`];
  if (want.size !== got.size) out.push(`size ${want.size} ≠ ${got.size}`);
  const wantMode = options.readOnly === true && want.type === "file" ? want.mode & ~0o222 : want.mode;
  // "either": a snapshot being built holds fresh copies (source mode) and files linked from the store (read-only).
  const eitherOk = options.readOnly === "either" && want.type === "file" && got.mode === (want.mode & ~0o222);
  if (want.type !== "symlink" && wantMode !== got.mode && !eitherOk) out.push(`mode ${wantMode.toString(8)} ≠ ${got.mode.toString(8)}`);
  if (want.uid !== got.uid || want.gid !== got.gid) out.push(`owner ${want.uid}:${want.gid} ≠ ${got.uid}:${got.gid}`);
  if ((options.times ?? true) && !sameMtime(want.mtimeNs, got.mtimeNs)) out.push(`mtime ${want.mtimeNs} ≠ ${got.mtimeNs}`);
  if (want.target !== got.target) out.push(`symlink target ${JSON.stringify(want.target)} ≠ ${JSON.stringify(got.target)}`);
  if (want.hardlinkOf !== got.hardlinkOf) out.push(`hard link of ${JSON.stringify(want.hardlinkOf ?? null)} ≠ ${JSON.stringify(got.hardlinkOf ?? null)}`);
  if (want.sha256 && got.sha256 && want.sha256 !== got.sha256) out.push("content (sha256) differs");
  return out;
}
