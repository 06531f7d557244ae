import { formatDuration } from "../../lib/cli/render/style.ts";
import type { LaneRun } from "../../lib/history/lanes.ts";
import type { RecipeHistory } from "../../lib/history/summary.ts";
import { esc } from "./charts/escape.ts";
import { type Series, timeSeriesChart } from "./charts/time-series.ts";
import { table } from "./page.ts";

const dur = (ms: number | undefined): string => (ms === undefined ? "-" : esc(formatDuration(ms)));
const points = (runs: readonly LaneRun[]): Series["points"] =>
  runs.filter((r) => r.durationMs !== undefined).map((r) => ({
    at: new Date(r.at), value: r.durationMs! / 1000, failed: r.verdict !== "pass",
    label: `${r.lane} ${r.verdict} · ${r.ref ?? "?"}${r.commit ? ` @ ${r.commit.slice(0, 12)}` : ""} · ${formatDuration(r.durationMs!)} · ${r.at}${r.source === "sweep" ? " (sweep)" : ""}`,
  }));

/**
 * Quick vs cold: per recipe the medians over the last N runs and a chart of every run's
 * duration over time (a cross marks a run that did not pass); then the lane disagreements.
 *
 * @example
 * ```ts
 * const html = lanesSection(history.recipes, { runs: 100 });
 * ```
 */
export function lanesSection(recipes: readonly RecipeHistory[], options: { runs: number }): string {
  const rows = recipes.map((r) => [
    esc(r.recipe), dur(r.quick.medianMs), `${r.quick.pass} / ${r.quick.fail}`, dur(r.cold.medianMs), `${r.cold.pass} / ${r.cold.fail}`,
    r.quick.medianMs !== undefined && r.cold.medianMs ? `${(r.quick.medianMs / r.cold.medianMs).toFixed(2)}×` : "-",
    r.last.slice(0, 3).map((x) => `<span class="${x.verdict}">${esc(`${x.lane} ${x.verdict}`)}</span>`).join(", "),
  ]);
  const charts = recipes.map((r) => timeSeriesChart(`${r.recipe}: quick vs cold duration (s)`, [
    { name: `quick (${r.quick.runs.length})`, className: "quick", points: points(r.quick.runs) },
    { name: `cold (${r.cold.runs.length})`, className: "cold", points: points(r.cold.runs) },
  ], { format: (v) => `${v}s`, empty: `${r.recipe}: no timed run yet` }));
  const dis = recipes.flatMap((r) => r.disagreements);
  const disRows = dis.map((d) => [esc(d.recipe), `<code>${esc(d.key.slice(0, 40))}</code>${d.matchedBy === "ref" ? ' <span class="muted">(by ref)</span>' : ""}`,
    `<span class="${d.quick.verdict}">quick ${esc(d.quick.verdict.toUpperCase())}</span> ${esc(d.quick.ref ?? "")} · ${esc(d.quick.at)}`,
    `<span class="${d.cold.verdict}">cold ${esc(d.cold.verdict.toUpperCase())}</span> (${esc(d.cold.source)}) · ${esc(d.cold.at)}${d.coldFirst ? " · before the quick run" : ""}`]);
  return `<section id="lanes"><h2>Quick vs cold (last ${options.runs} runs per recipe and lane)</h2>
${recipes.length ? table(["recipe", "quick median", "quick pass / fail", "cold median", "cold pass / fail", "quick/cold", "last verdicts"], rows, { numeric: [1, 3, 5] }) : '<p class="muted">No quick or cold run recorded yet.</p>'}
<div class="charts">${charts.join("")}</div></section>
<section id="disagreements"><h2>Lane disagreements (${dis.length})</h2>
<p class="muted">A quick verdict contradicted by a cold run of the same commit (or the reverse).</p>
${dis.length ? table(["recipe", "commit", "quick", "cold"], disRows) : "<p>None: every quick verdict that has a cold run on the same commit agrees with it.</p>"}</section>`;
}
