/**
 * Put owner, mode and mtime (to the nanosecond) of existing entries back to what MANIFEST says,
 * with a handful of processes whatever the number of entries: mtimes of files copied from the
 * snapshot store by `cp --attributes-only` (the store's mtimes are the MANIFEST's), directories
 * by one `tar | tar` of their headers, owners by one `chown` per owner, modes by one `chmod`
 * per mode. Callers create and remove entries first (that moves directory mtimes).
 * @module
 */
import { copyDirAttributes, xargs } from "./copy.ts";
import { sameMtime } from "./hash-entries.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import { walkTree } from "./walk.ts";

/**
 * `touch -d` argument for an mtime in nanoseconds: `@<seconds>.<nanoseconds>`.
 *
 * @example
 * ```ts
 * touchTime("1700000000123456789"); // "@1700000000.123456789"
 * ```
 */
export function touchTime(mtimeNs: string): string {
  const ns = BigInt(mtimeNs);
  const abs = ns < 0n ? -ns : ns;
  return `@${ns < 0n ? "-" : ""}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, "0")}`;
}

/**
 * Fix owner, mode and mtime of every entry under `root` that differs from `expected`, taking
 * times from `storeRoot` (the volume's directory in the known-good). Returns how many entries
 * were changed.
 *
 * @example
 * ```ts
 * const fixed = await fixMetadata("/var/lib/docker/volumes/x/_data", "/state/demo/known-good/x", manifestVolume.entries);
 * ```
 */
export async function fixMetadata(root: string, storeRoot: string, expected: readonly ManifestEntry[], options: { signal?: AbortSignal } = {}): Promise<number> {
  const { signal } = options;
  const { entries } = await walkTree(root, options);
  const live = new Map(entries.map((e) => [e.path, e]));
  const [dirs, times, owners, modes] = [[], [], new Map(), new Map()] as [string[], string[], Map<string, string[]>, Map<number, string[]>];
  const add = <K>(m: Map<K, string[]>, k: K, p: string) => m.set(k, [...(m.get(k) ?? []), p]);
  let fixed = 0;
  for (const want of expected) {
    const got = live.get(want.path);
    if (!got || got.type !== want.type || want.hardlinkOf !== undefined) continue;
    const [owner, mode, time] = [got.uid !== want.uid || got.gid !== want.gid, want.type !== "symlink" && got.mode !== want.mode, !sameMtime(got.mtimeNs, want.mtimeNs)];
    if (!owner && !mode && !time) continue;
    fixed++;
    if (want.type === "dir") dirs.push(want.path);
    else if (want.type !== "file") continue; // re-made by the caller, never fixed in place
    else {
      if (time) times.push(want.path);
      if (owner) add(owners, `${want.uid}:${want.gid}`, want.path);
      // chown clears setuid/setgid: chmod again after it.
      if (mode || (owner && want.mode & 0o6000)) add(modes, want.mode, want.path);
    }
  }
  await xargs(storeRoot, ["cp", "--attributes-only", "--preserve=timestamps", "--no-preserve=links", "--parents", "-t", root, "--"], times, signal);
  for (const [o, paths] of owners) await xargs(root, ["chown", "-h", o, "--"], paths, signal);
  for (const [m, paths] of modes) await xargs(root, ["chmod", m.toString(8), "--"], paths, signal);
  // Directories last, all at once: owner, mode and mtime from the store.
  await copyDirAttributes(storeRoot, root, dirs, { signal });
  return fixed;
}
