import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";

/** Which enrolled recipes a sweep tests, and which wait for a later night. */
export interface SweepSelection {
  run: string[];
  notRun: string[];
}

/**
 * Pick at most `maxTests` enrolled recipes, the stalest canonical first (no canonical yet, then
 * the oldest `promotedAt`; ties by name), so that over several nights every recipe is swept.
 *
 * @example
 * ```ts
 * selectRecipes(["a", "b", "c"], { b: entryB }, 2); // { run: ["a", "c"], notRun: ["b"] } when b has a canonical
 * ```
 */
export function selectRecipes(enrolled: readonly string[], canonicals: Readonly<Record<string, CanonicalEntry>>, maxTests: number): SweepSelection {
  const key = (r: string) => (Object.hasOwn(canonicals, r) ? canonicals[r]!.promotedAt : "");
  const order = [...enrolled].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { run: order.slice(0, maxTests), notRun: order.slice(maxTests) };
}
