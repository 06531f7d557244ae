import { formatBytes } from "../../lib/cli/render/style.ts";
import { formatAge } from "../status/table.ts";
import type { RecipeStatus } from "../status/types.ts";
import { barChart } from "./charts/bars.ts";
import { esc } from "./charts/escape.ts";
import { table } from "./page.ts";

/**
 * Canonicals: each enrolled recipe's known-good (commit, version, age, size, dirty, quick runs,
 * last quick verdict) as a table, and known-good sizes as bars labelled with their age.
 *
 * @example
 * ```ts
 * const html = canonicalsSection(report.recipes ?? []);
 * ```
 */
export function canonicalsSection(recipes: readonly RecipeStatus[]): string {
  const withCanon = recipes.filter((r) => r.canonical);
  const rows = recipes.map((r) => r.canonical
    ? [esc(r.recipe), `<code>${esc(r.knownGoodCommit?.slice(0, 12))}</code>`, esc(r.version ?? "-"), r.ageSeconds === undefined ? "-" : `${esc(formatAge(r.ageSeconds))} ago`, r.knownGoodBytes === undefined ? "-" : esc(formatBytes(r.knownGoodBytes)), r.dirty ? "yes" : "no", String(r.quickRuns ?? 0), r.lastQuickVerdict ? `<span class="${r.lastQuickVerdict}">${esc(r.lastQuickVerdict)}</span>` : "-", esc(r.problem ?? "")]
    : [esc(r.recipe), "-", "-", "-", "-", "-", "-", "-", esc(r.problem ?? (r.enrolled ? "no canonical yet (a green cold run seeds it)" : ""))]);
  const bars = withCanon.map((r) => ({ label: r.recipe, value: r.knownGoodBytes ?? 0, text: `${r.knownGoodBytes === undefined ? "?" : formatBytes(r.knownGoodBytes)}, ${r.ageSeconds === undefined ? "?" : formatAge(r.ageSeconds)} old` }));
  return `<section id="canonicals"><h2>Canonicals (${withCanon.length} of ${recipes.length} recipe(s))</h2>
${recipes.length ? table(["recipe", "known-good", "version", "known-good age", "size", "dirty", "quick runs", "last quick", "note"], rows, { numeric: [4, 6] }) : '<p class="muted">No recipe is enrolled (config <code>recipes</code> is empty).</p>'}
<div class="charts">${barChart("known-good snapshot size and age per canonical", bars, { empty: "no canonical yet" })}</div></section>`;
}
