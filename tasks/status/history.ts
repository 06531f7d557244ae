import { readHistory } from "../../lib/history/read.ts";
import type { LaneStats } from "../../lib/history/summary.ts";
import { summarizeHistory } from "../../lib/history/summary.ts";
import type { HistoryStatus, LaneSummary } from "./types.ts";

const lane = (s: LaneStats): LaneSummary => ({ runs: s.runs.length, pass: s.pass, fail: s.fail, medianMs: s.medianMs });

/**
 * The history section: per recipe the median quick and cold durations over the last `runs` runs
 * of each lane, the last verdicts and the lane disagreements; bad lines counted (read-only,
 * streamed newest first).
 *
 * @example
 * ```ts
 * const h = await historyStatus("/var/lib/ci-warm", { runs: 20 });
 * ```
 */
export async function historyStatus(stateDir: string, options: { runs: number; signal?: AbortSignal }): Promise<HistoryStatus> {
  const bad: string[] = [];
  const s = await summarizeHistory(readHistory(stateDir, { signal: options.signal, onBadLine: (b) => bad.push(`${b.segment}@${b.offset}: ${b.problem}`) }), { runs: options.runs });
  return {
    runs: options.runs,
    records: s.records,
    badLines: bad.length,
    badLineExamples: bad.slice(0, 3),
    recipes: s.recipes.map((r) => ({
      recipe: r.recipe,
      quick: lane(r.quick),
      cold: lane(r.cold),
      last: r.last.map((x) => ({ at: x.at, lane: x.lane, verdict: x.verdict, ref: x.ref, source: x.source })),
      disagreements: r.disagreements,
    })),
  };
}
