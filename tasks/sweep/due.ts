/**
 * Is a recipe news tonight? A sweep spends MAX_TESTS on recipes whose latest release differs from
 * their canonical (or that have none), and re-verifies an unchanged one only after
 * `sweep.reverifyDays` (cc-ci spent its nights on same-version no-ops).
 * @module
 */
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";

/** Why a recipe is tested tonight, or why not. */
export interface SweepDue {
  recipe: string;
  due: boolean;
  why: string;
}

/**
 * Decide for one recipe. `latestCommit` is its latest release's commit (undefined: unreadable →
 * due, the cold run will report why); `lastVerified` is the later of its promotion and the last
 * sweep that tested it.
 *
 * @example
 * ```ts
 * sweepDue("demo", entry, { latestTag: "v2", latestCommit: "4f1e…", lastVerified: "2026-11-30T02:00:00Z", now, reverifyDays: 7 });
 * ```
 */
export function sweepDue(recipe: string, entry: CanonicalEntry | undefined, o: { latestTag?: string | undefined; latestCommit?: string | undefined; lastVerified?: string | undefined; now: Date; reverifyDays: number }): SweepDue {
  const latest = o.latestTag ?? o.latestCommit?.slice(0, 12) ?? "unknown";
  if (!entry) return { recipe, due: true, why: "no canonical yet" };
  if (!o.latestCommit) return { recipe, due: true, why: "latest release could not be read" };
  const at = entry.version ?? entry.knownGoodCommit.slice(0, 12);
  if (o.latestCommit !== entry.knownGoodCommit) return { recipe, due: true, why: `latest release ${latest} differs from the canonical's ${at}` };
  const since = o.lastVerified ?? entry.promotedAt;
  const days = (o.now.getTime() - Date.parse(since)) / 86_400_000;
  if (days >= o.reverifyDays) return { recipe, due: true, why: `re-verify: canonical at latest ${latest}, last verified ${Math.floor(days)} day(s) ago (sweep.reverifyDays=${o.reverifyDays})` };
  return { recipe, due: false, why: `canonical already at latest ${latest}, verified ${Math.floor(days)} day(s) ago (re-verify after ${o.reverifyDays})` };
}
