// Medians per lane, last verdicts, and lane disagreements (a quick verdict contradicted by a cold
// verdict on the same commit), from records as the history holds them.
import { describe, expect, test } from "vitest";
import { laneDisagreements } from "../../lib/history/disagreements.ts";
import { type LaneRun, laneRuns, median } from "../../lib/history/lanes.ts";
import type { HistoryRecord } from "../../lib/history/schema.ts";
import { summarizeHistory } from "../../lib/history/summary.ts";

const t = (min: number): string => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString();
const r = (min: number, fields: Partial<HistoryRecord>): HistoryRecord => ({ v: 1, at: t(min), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0, recipe: "demo", ...fields });
async function* newestFirst(records: HistoryRecord[]): AsyncGenerator<HistoryRecord> {
  yield* [...records].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

describe("median", () => {
  test("odd, even, empty, unsorted input", () => {
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe("laneRuns", () => {
  test("quick and cold runs are one each; a fallback is none", () => {
    expect(laneRuns(r(1, { commit: "c1", durationMs: 10 }))).toEqual([{ recipe: "demo", lane: "quick", at: t(1), verdict: "pass", commit: "c1", ref: undefined, durationMs: 10, source: "quick" }]);
    expect(laneRuns(r(1, { graph: "cold", mode: "cold", verdict: "failed" }))[0]).toMatchObject({ lane: "cold", verdict: "fail" });
    expect(laneRuns(r(1, { mode: "cold", verdict: "fallback", fallback: true }))).toEqual([]);
  });
  test("a sweep gives one cold run per row; a cold promote gives its verdict; a quick promote nothing", () => {
    const sweep = laneRuns(r(5, { graph: "sweep", mode: "cold", verdict: "passed", rows: [{ recipe: "a", verdict: "green", commit: "x" }, { recipe: "b", verdict: "red" }] }));
    expect(sweep.map((s) => [s.recipe, s.verdict, s.source])).toEqual([["a", "pass", "sweep"], ["b", "fail", "sweep"]]);
    const promoted = laneRuns(r(1, { graph: "promote", mode: "cold", verdict: "red", commit: "c" }))[0];
    expect(promoted).toMatchObject({ lane: "cold", verdict: "fail", source: "promote" });
    expect(promoted?.durationMs).toBeUndefined();
    expect(laneRuns(r(1, { graph: "promote", mode: "quick", verdict: "green" }))).toEqual([]);
  });
});

describe("laneDisagreements", () => {
  const q = (min: number, verdict: LaneRun["verdict"], commit?: string, ref?: string): LaneRun => ({ recipe: "demo", lane: "quick", at: t(min), verdict, commit, ref, source: "quick" });
  const c = (min: number, verdict: LaneRun["verdict"], commit?: string, ref?: string): LaneRun => ({ recipe: "demo", lane: "cold", at: t(min), verdict, commit, ref, source: "cold" });
  test("quick PASS later contradicted by cold FAIL of the same commit", () => {
    expect(laneDisagreements([q(1, "pass", "c1")], [c(9, "fail", "c1")])).toEqual([
      { recipe: "demo", key: "c1", matchedBy: "commit", quick: { at: t(1), verdict: "pass", ref: undefined }, cold: { at: t(9), verdict: "fail", ref: undefined, source: "cold" }, coldFirst: false },
    ]);
  });
  test("the reverse: quick FAIL after a cold PASS of that commit", () => {
    expect(laneDisagreements([q(9, "fail", "c1")], [c(1, "pass", "c1")])[0]).toMatchObject({ coldFirst: true, quick: { verdict: "fail" }, cold: { verdict: "pass" } });
  });
  test("agreement, other commits, errors and other recipes are not disagreements", () => {
    expect(laneDisagreements([q(1, "pass", "c1")], [c(2, "pass", "c1")])).toEqual([]);
    expect(laneDisagreements([q(1, "pass", "c1")], [c(2, "fail", "c2")])).toEqual([]);
    expect(laneDisagreements([q(1, "error", "c1")], [c(2, "fail", "c1")])).toEqual([]);
    expect(laneDisagreements([q(1, "pass", "c1")], [{ ...c(2, "fail", "c1"), recipe: "other" }])).toEqual([]);
  });
  test("matched by ref only when a commit is unknown; the nearest cold run is chosen", () => {
    const d = laneDisagreements([q(10, "fail", undefined, "v2")], [c(1, "pass", undefined, "v2"), c(12, "pass", "c9", "v2"), c(30, "pass", undefined, "v3")]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ key: "v2", matchedBy: "ref", cold: { at: t(12) } });
    expect(laneDisagreements([q(10, "fail", "c1", "v2")], [c(12, "pass", "c2", "v2")])).toEqual([]);
  });
});

describe("summarizeHistory", () => {
  test("medians over the last N runs per lane, last verdicts newest first, disagreements", async () => {
    const records = [
      ...[10, 20, 30, 40, 5000].map((ms, i) => r(i, { durationMs: ms, commit: `q${i}` })),
      r(10, { verdict: "failed", durationMs: 7, commit: "c1" }),
      r(11, { graph: "cold", mode: "cold", verdict: "passed", durationMs: 100, commit: "c1" }),
      r(12, { graph: "cold", mode: "cold", verdict: "failed", durationMs: 300, commit: "c2" }),
      r(13, { mode: "cold", verdict: "fallback", fallback: true }),
      r(14, { recipe: "other", verdict: "error", durationMs: 1 }),
    ];
    const s = await summarizeHistory(newestFirst(records), { runs: 4 });
    expect(s.records).toBe(records.length);
    const demo = s.recipes.find((x) => x.recipe === "demo")!;
    // Newest 4 quick runs: 7 (c1, fail), 5000, 40, 30 → median 35.
    expect(demo.quick.runs.map((x) => x.durationMs)).toEqual([7, 5000, 40, 30]);
    expect(demo.quick.medianMs).toBe(35);
    expect(demo.quick).toMatchObject({ pass: 3, fail: 1 });
    expect(demo.cold.medianMs).toBe(200);
    expect(demo.last.map((x) => `${x.lane}:${x.verdict}`)).toEqual(["cold:fail", "cold:pass", "quick:fail", "quick:pass", "quick:pass"]);
    expect(demo.disagreements).toEqual([expect.objectContaining({ key: "c1", quick: expect.objectContaining({ verdict: "fail" }), cold: expect.objectContaining({ verdict: "pass" }), coldFirst: false })]);
    const other = s.recipes.find((x) => x.recipe === "other")!;
    expect(other.quick).toMatchObject({ pass: 0, fail: 0, medianMs: undefined });
    expect(other.last[0]?.verdict).toBe("error");
  });
  test("a sweep row is not counted twice when the sweep ran `cc-warm cold` (its own record)", async () => {
    const records = [
      r(1, { graph: "cold", mode: "cold", verdict: "passed", durationMs: 60_000, commit: "c1" }),
      r(2, { graph: "sweep", mode: "cold", verdict: "passed", durationMs: 180_000, rows: [{ recipe: "demo", verdict: "green", commit: "c1", durationMs: 61_000 }, { recipe: "solo", verdict: "red", commit: "s1", durationMs: 9_000 }] }),
      r(3, { recipe: "solo", verdict: "passed", commit: "s1", durationMs: 2_000 }),
    ];
    const s = await summarizeHistory(newestFirst(records), { runs: 10 });
    expect(s.recipes.find((x) => x.recipe === "demo")!.cold.runs.map((x) => x.source)).toEqual(["cold"]);
    const solo = s.recipes.find((x) => x.recipe === "solo")!;
    expect(solo.cold.runs.map((x) => x.source)).toEqual(["sweep"]);
    expect(solo.disagreements).toEqual([expect.objectContaining({ key: "s1", coldFirst: true, cold: expect.objectContaining({ source: "sweep" }) })]);
    expect(s.others.map((o) => o.graph)).toEqual(["sweep"]);
  });
  test("a cold promote's verdict is evidence for disagreements but not a cold duration", async () => {
    const s = await summarizeHistory(newestFirst([r(1, { commit: "c1" }), r(2, { graph: "promote", mode: "cold", verdict: "red", commit: "c1", promotion: "not-eligible" })]), { runs: 10 });
    const demo = s.recipes[0]!;
    expect(demo.cold.runs).toEqual([]);
    expect(demo.disagreements[0]).toMatchObject({ cold: { source: "promote", verdict: "fail" } });
  });
});
