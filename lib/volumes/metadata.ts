/**
 * Put owner, mode and mtime (to the nanosecond) of existing entries back to what MANIFEST says.
 * Directories go last (creating or removing entries moves their mtime; callers do that first).
 * @module
 */
import { chmod, lchown } from "node:fs/promises";
import { join } from "node:path";
import { runCommandOrThrow } from "../exec/command.ts";
import { mapLimit } from "./hash.ts";
import { sameMtime } from "./hash-entries.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import { walkTree } from "./walk.ts";

/**
 * `touch -d` argument for an mtime in nanoseconds: `@<seconds>.<nanoseconds>` (exact; Node's
 * `utimes` takes a double and loses the last digits).
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
 * Fix owner, mode and mtime of every entry under `root` that differs from `expected`.
 * Returns how many entries were changed.
 *
 * @example
 * ```ts
 * const fixed = await fixMetadata("/var/lib/docker/volumes/x/_data", manifestVolume.entries);
 * ```
 */
export async function fixMetadata(root: string, expected: readonly ManifestEntry[], options: { signal?: AbortSignal } = {}): Promise<number> {
  const { entries } = await walkTree(root, options);
  const live = new Map(entries.map((e) => [e.path, e]));
  const nonDirs = expected.filter((e) => e.type !== "dir");
  const dirs = expected.filter((e) => e.type === "dir").reverse();
  let fixed = 0;
  const fix = async (want: ManifestEntry) => {
    const got = live.get(want.path);
    if (!got || got.type !== want.type) return;
    const abs = want.path === "." ? root : join(root, want.path);
    let changed = false;
    // chown first: it clears setuid/setgid bits that chmod then sets again.
    if (got.uid !== want.uid || got.gid !== want.gid) [changed] = [true, await lchown(abs, want.uid, want.gid)];
    if (want.type !== "symlink" && (got.mode !== want.mode || changed)) [changed] = [true, await chmod(abs, want.mode)];
    if (!sameMtime(got.mtimeNs, want.mtimeNs)) {
      await runCommandOrThrow("touch", ["-h", "-m", "-d", touchTime(want.mtimeNs), "--", abs], { signal: options.signal });
      changed = true;
    }
    if (changed) fixed++;
  };
  await mapLimit(nonDirs, 4, fix, options);
  // Nothing below creates or removes entries, so directories need no order among themselves:
  // their `touch` processes run concurrently too (one at a time took ~2 s per 100 directories).
  await mapLimit(dirs, 4, fix, options);
  return fixed;
}
