import type { LaneRun } from "./lanes.ts";

/** A quick verdict contradicted by a cold verdict on the same commit (or the reverse). */
export interface LaneDisagreement {
  recipe: string;
  /** The commit both runs tested (or the ref, see `matchedBy`). */
  key: string;
  /** `commit`: both runs named the same commit; `ref`: one of them failed before it resolved its commit, so they were matched by ref (weaker: a PR ref can move). */
  matchedBy: "commit" | "ref";
  quick: Pick<LaneRun, "at" | "verdict" | "ref">;
  cold: Pick<LaneRun, "at" | "verdict" | "ref" | "source">;
  /** The cold run came first (a quick verdict that contradicts an earlier cold one). */
  coldFirst: boolean;
}

const decided = (r: LaneRun): boolean => r.verdict === "pass" || r.verdict === "fail";

function match(q: LaneRun, c: LaneRun): LaneDisagreement["matchedBy"] | undefined {
  if (q.commit && c.commit) return q.commit === c.commit ? "commit" : undefined;
  return q.ref && q.ref === c.ref ? "ref" : undefined;
}

/**
 * Pair each decided quick run with the cold runs of the same recipe on the same commit (by ref
 * when a commit is unknown) whose verdict is the opposite: PASS vs FAIL. Each quick run yields at
 * most one disagreement, with the cold run nearest to it in time. Newest first.
 *
 * @example
 * ```ts
 * laneDisagreements(quickRuns, coldRuns); // [{ recipe: "demo", key: "46839d7f…", quick: { verdict: "pass" }, cold: { verdict: "fail" } }]
 * ```
 */
export function laneDisagreements(quick: readonly LaneRun[], cold: readonly LaneRun[]): LaneDisagreement[] {
  const out: LaneDisagreement[] = [];
  for (const q of quick.filter(decided)) {
    const distance = (c: LaneRun) => Math.abs(Date.parse(c.at) - Date.parse(q.at));
    const contra = cold
      .filter((c) => c.recipe === q.recipe && decided(c) && c.verdict !== q.verdict && match(q, c))
      .sort((a, b) => distance(a) - distance(b))[0];
    if (!contra) continue;
    const matchedBy = match(q, contra)!;
    out.push({
      recipe: q.recipe,
      key: (matchedBy === "commit" ? q.commit : q.ref)!,
      matchedBy,
      quick: { at: q.at, verdict: q.verdict, ref: q.ref },
      cold: { at: contra.at, verdict: contra.verdict, ref: contra.ref, source: contra.source },
      coldFirst: Date.parse(contra.at) < Date.parse(q.at),
    });
  }
  return out.sort((a, b) => Date.parse(b.quick.at) - Date.parse(a.quick.at));
}
