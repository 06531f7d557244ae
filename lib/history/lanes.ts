import type { HistoryRecord } from "./schema.ts";

/** A verdict reduced to what the lanes are compared by. */
export type LaneVerdict = "pass" | "fail" | "error" | "cancelled";

/** One run of a lane for one recipe, read from a history record. */
export interface LaneRun {
  recipe: string;
  lane: "quick" | "cold";
  /** When the run ended (a sweep row: when its sweep ended). */
  at: string;
  verdict: LaneVerdict;
  commit?: string | null | undefined;
  ref?: string | null | undefined;
  durationMs?: number | undefined;
  /** The graph it was recorded by: quick, cold, sweep (a row), promote (the verdict it was told). */
  source: "quick" | "cold" | "sweep" | "promote";
}

const VERDICTS: Record<string, LaneVerdict> = {
  passed: "pass", green: "pass", failed: "fail", red: "fail", error: "error", cancelled: "cancelled",
};

/**
 * The lane runs a record holds: a quick or cold run is one (a fallback is none: nothing ran); a
 * sweep has one cold run per recipe it tested; a promote after a cold run carries that run's
 * verdict (no duration) — evidence for disagreements only.
 *
 * @example
 * ```ts
 * laneRuns({ v: 1, at, graph: "quick", verdict: "passed", exitCode: 0, recipe: "demo" }); // [{ lane: "quick", verdict: "pass", … }]
 * ```
 */
export function laneRuns(r: HistoryRecord): LaneRun[] {
  if (r.graph === "quick" || r.graph === "cold") {
    const verdict = VERDICTS[r.verdict];
    if (!verdict || !r.recipe || r.mode !== r.graph) return [];
    return [{ recipe: r.recipe, lane: r.graph, at: r.at, verdict, commit: r.commit, ref: r.ref, durationMs: r.durationMs, source: r.graph }];
  }
  if (r.graph === "sweep") {
    return (r.rows ?? []).flatMap((row) => {
      const verdict = VERDICTS[row.verdict];
      return verdict ? [{ recipe: row.recipe, lane: "cold" as const, at: r.at, verdict, commit: row.commit, ref: row.ref, durationMs: row.durationMs, source: "sweep" as const }] : [];
    });
  }
  if (r.graph === "promote" && r.mode === "cold" && r.recipe && (r.verdict === "green" || r.verdict === "red")) {
    return [{ recipe: r.recipe, lane: "cold", at: r.at, verdict: VERDICTS[r.verdict]!, commit: r.commit, ref: r.ref, source: "promote" }];
  }
  return [];
}

/**
 * The median of a list of numbers (undefined when empty).
 *
 * @example
 * ```ts
 * median([3, 1, 2, 10]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
