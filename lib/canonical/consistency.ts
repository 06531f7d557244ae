import { existsSync } from "node:fs";
import { join } from "node:path";
import { readManifest } from "../volumes/manifest.ts";
import { MANIFEST_NAME, snapshotLayout } from "../volumes/layout.ts";
import { updateCanonical } from "./registry.ts";
import type { CanonicalEntry } from "./registry-schema.ts";

/**
 * The MANIFEST is the truth of what the known-good holds. A promotion killed after its snapshot
 * swap but before the registry write leaves the registry naming the previous commit: adopt the
 * MANIFEST's commit and digest (and mark the canonical dirty so the next run restores first).
 * Returns the entry, repaired or as it was; undefined when there is no canonical.
 *
 * @example
 * ```ts
 * const entry = await alignRegistryWithKnownGood(stateDir, "demo");
 * ```
 */
export async function alignRegistryWithKnownGood(stateDir: string, recipe: string): Promise<{ entry: CanonicalEntry | undefined; repaired: boolean }> {
  const { knownGood } = snapshotLayout(stateDir, recipe);
  if (!existsSync(join(knownGood, MANIFEST_NAME))) {
    const entry = await updateCanonical(stateDir, recipe, (c) => c);
    return { entry, repaired: false };
  }
  const { manifest, digest } = await readManifest(knownGood);
  let repaired = false;
  const entry = await updateCanonical(stateDir, recipe, (c) => {
    if (c && c.manifestDigest === digest) return c;
    repaired = true;
    const now = new Date().toISOString();
    return c
      ? { ...c, knownGoodCommit: manifest.commit, manifestDigest: digest, dirty: true, dirtySince: c.dirtySince ?? now, quickRuns: 0, version: undefined }
      : { recipe, knownGoodCommit: manifest.commit, manifestDigest: digest, promotedAt: manifest.createdAt, dirty: true, dirtySince: now, quickRuns: 0 };
  });
  return { entry, repaired };
}
