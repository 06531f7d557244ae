import { existsSync } from "node:fs";
import { readRegistry } from "../../lib/canonical/registry-store.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import type { Config } from "../../lib/config/types.ts";
import { pathSize } from "../../lib/disk/usage.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import type { RecipeStatus } from "./types.ts";

/**
 * Bytes of a known-good snapshot: the sum of the MANIFEST's file sizes (cheap, exact for the
 * data), else the allocated size of the directory (`du`), else undefined when it is absent.
 *
 * @example
 * ```ts
 * const size = await knownGoodSize("/var/lib/ci-warm", "demo"); // { bytes: 12345, from: "manifest" }
 * ```
 */
export async function knownGoodSize(stateDir: string, recipe: string): Promise<{ bytes: number; from: "manifest" | "du"; problem?: string } | undefined> {
  const { knownGood } = snapshotLayout(stateDir, recipe);
  if (!existsSync(knownGood)) return undefined;
  try {
    const { manifest } = await readManifest(knownGood);
    const bytes = manifest.volumes.flatMap((v) => v.entries).reduce((s, e) => s + (e.type === "file" ? e.size : 0), 0);
    return { bytes, from: "manifest" };
  } catch (e) {
    return { bytes: (await pathSize(knownGood)).bytes, from: "du", problem: (e as Error).message };
  }
}

/** One row from the config's enrollment and the registry's entry (either may be missing). */
async function row(config: Config, recipe: string, entry: CanonicalEntry | undefined, now: Date): Promise<RecipeStatus> {
  const enrolled = Object.hasOwn(config.recipes, recipe);
  if (!entry) return { recipe, enrolled, canonical: false };
  const size = await knownGoodSize(config.stateDir, recipe);
  const problems = [
    !enrolled ? `has a canonical but is no longer enrolled (\`cc-warm retire recipe=${recipe}\` removes it)` : undefined,
    !size ? "the known-good snapshot directory is missing" : size.problem,
  ].filter(Boolean);
  return {
    recipe,
    enrolled,
    canonical: true,
    knownGoodCommit: entry.knownGoodCommit,
    version: entry.version,
    promotedAt: entry.promotedAt,
    ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(entry.promotedAt)) / 1000)),
    knownGoodBytes: size?.bytes,
    sizeFrom: size?.from,
    dirty: entry.dirty,
    dirtySince: entry.dirtySince,
    quickRuns: entry.quickRuns,
    lastQuickAt: entry.lastQuickAt,
    lastQuickVerdict: entry.lastQuickVerdict,
    problem: problems.length ? problems.join("; ") : undefined,
  };
}

/**
 * Per recipe (enrolled ones first, then registry entries no longer enrolled): known-good commit,
 * version, age, size, dirty flag, quick runs since promotion and the last quick verdict.
 * Read-only; a missing registry is an empty one.
 *
 * @example
 * ```ts
 * const rows = await recipeStatuses(config, new Date());
 * ```
 */
export async function recipeStatuses(config: Config, now: Date): Promise<RecipeStatus[]> {
  const registry = await readRegistry(config.stateDir);
  const names = [...Object.keys(config.recipes).sort(), ...Object.keys(registry.canonicals).filter((r) => !Object.hasOwn(config.recipes, r)).sort()];
  return Promise.all(names.map((r) => row(config, r, registry.canonicals[r], now)));
}
