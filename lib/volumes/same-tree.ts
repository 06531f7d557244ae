/**
 * Check that two walks describe the same tree, entry by entry (both come out of walkTree in the
 * same deterministic order).
 * @module
 */
import { InfraError } from "../errors.ts";
import { entryDiff } from "./hash-entries.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import { showName } from "./names.ts";

/**
 * Throw an InfraError naming up to five differences between `source` and `copy`. `stamps`
 * also requires equal stamps (inode + ctime: the file was not written in between);
 * `readOnly` expects the copy's files without write bits (a snapshot store); `"either"` accepts both.
 *
 * @example
 * ```ts
 * assertSameTree("warm-demo_db", before.entries, after.entries, { stamps: true });
 * ```
 */
export function assertSameTree(name: string, source: readonly ManifestEntry[], copy: readonly ManifestEntry[], options: { stamps?: boolean; readOnly?: boolean | "either" } = {}): void {
  const problems: string[] = [];
  if (source.length !== copy.length) problems.push(`${source.length} entries in the volume, ${copy.length} in the copy`);
  for (let i = 0; i < Math.min(source.length, copy.length) && problems.length < 5; i++) {
    const [s, c] = [source[i]!, copy[i]!];
    const diff = s.path !== c.path ? [`path ${showName(s.path)} ≠ ${showName(c.path)}`] : entryDiff(s, c, { readOnly: options.readOnly });
    if (options.stamps && s.stamp !== c.stamp) diff.push("changed (inode or ctime)");
    if (diff.length) problems.push(`${showName(s.path)}: ${diff.join(", ")}`);
  }
  if (problems.length) throw new InfraError(`volume ${name} changed while it was copied, or the copy is not faithful: ${problems.join("; ")}`);
}
