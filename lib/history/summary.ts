import { type LaneDisagreement, laneDisagreements } from "./disagreements.ts";
import { type LaneRun, laneRuns, median } from "./lanes.ts";
import type { HistoryRecord } from "./schema.ts";

/** One lane of one recipe over its last N runs. */
export interface LaneStats {
  /** Runs counted (at most N), newest first. */
  runs: LaneRun[];
  /** Median duration of the runs that passed or failed and have a duration (ms). */
  medianMs?: number | undefined;
  pass: number;
  fail: number;
}

/** A recipe's history: quick vs cold over the last N runs each, and where they disagree. */
export interface RecipeHistory {
  recipe: string;
  quick: LaneStats;
  cold: LaneStats;
  /** The last verdicts of either lane, newest first (at most 5). */
  last: LaneRun[];
  disagreements: LaneDisagreement[];
}

/** What {@linkcode summarizeHistory} found. */
export interface HistorySummary {
  /** Per recipe, by name. */
  recipes: RecipeHistory[];
  /** Records read. */
  records: number;
  /** The newest records of other graphs (reconcile, promote, sweep), at most 20, newest first. */
  others: HistoryRecord[];
}

const within = (at: string, end: string, ms: number | undefined): boolean => {
  const t = Date.parse(at), e = Date.parse(end);
  return t <= e && t >= e - (ms ?? 0) - 1000;
};

function stats(runs: LaneRun[]): LaneStats {
  const decided = runs.filter((r) => r.verdict === "pass" || r.verdict === "fail");
  return {
    runs,
    medianMs: median(decided.flatMap((r) => (r.durationMs === undefined ? [] : [r.durationMs]))),
    pass: decided.filter((r) => r.verdict === "pass").length,
    fail: decided.filter((r) => r.verdict === "fail").length,
  };
}

/**
 * Summarise records read newest first (e.g. from `readHistory`): per recipe, the last `runs`
 * quick and cold runs, their median durations, the last verdicts and the lane disagreements among
 * them. Memory stays bounded by recipes × runs whatever the history's size. A sweep's row for a
 * recipe is dropped when a `cc-warm cold` record of that recipe ended inside that sweep (the
 * sweep ran it: the same run twice).
 *
 * @example
 * ```ts
 * const s = await summarizeHistory(readHistory(stateDir), { runs: 20 });
 * ```
 */
export async function summarizeHistory(records: AsyncIterable<HistoryRecord>, options: { runs: number }): Promise<HistorySummary> {
  const n = options.runs;
  const byRecipe = new Map<string, Record<LaneRun["source"], LaneRun[]>>();
  const sweeps: { at: string; durationMs?: number | undefined }[] = [];
  const others: HistoryRecord[] = [];
  let count = 0;
  for await (const r of records) {
    count++;
    if (r.graph !== "quick" && r.graph !== "cold" && others.length < 20) others.push(r);
    if (r.graph === "sweep") sweeps.push({ at: r.at, durationMs: r.durationMs });
    for (const run of laneRuns(r)) {
      const lists = byRecipe.get(run.recipe) ?? { quick: [], cold: [], sweep: [], promote: [] };
      byRecipe.set(run.recipe, lists);
      if (lists[run.source].length < n) lists[run.source].push(run);
    }
  }
  const recipes = [...byRecipe.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([recipe, l]): RecipeHistory => {
    const ranBySweep = (s: LaneRun) => l.cold.some((c) => sweeps.some((w) => w.at === s.at && within(c.at, w.at, w.durationMs)));
    const cold = [...l.cold, ...l.sweep.filter((s) => !ranBySweep(s))].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, n);
    const last = [...l.quick, ...cold].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, 5);
    return { recipe, quick: stats(l.quick), cold: stats(cold), last, disagreements: laneDisagreements(l.quick, [...cold, ...l.promote]) };
  });
  return { recipes, records: count, others };
}
