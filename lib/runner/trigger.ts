import type { SkipReason, TaskState, TriggerRule } from "./types.ts";

/** What the runner does with a task whose needs are all terminal. */
export type TriggerDecision =
  | { run: true }
  | { run: false; state: "skipped" | "cancelled"; skipReason?: SkipReason };

/** Upstream state as seen by a trigger rule. */
export interface NeedState {
  state: TaskState;
  skipReason?: SkipReason;
}

/**
 * Apply a trigger rule: `success` runs only when every need succeeded (and the run is not
 * cancelled); `failure` runs when a need failed or was cancelled, directly or upstream (a cancelled run
 * cancels its pending tasks, so teardown behind them triggers); `always`
 * runs regardless.
 *
 * @example
 * ```ts
 * decideTrigger("failure", [{ state: "failed" }], false); // { run: true }
 * ```
 */
export function decideTrigger(rule: TriggerRule, needs: readonly NeedState[], cancelled: boolean): TriggerDecision {
  if (rule === "always") return { run: true };
  const failed = needs.some((n) => n.state === "failed" || n.skipReason === "upstream-failed");
  const wasCancelled = needs.some((n) => n.state === "cancelled" || n.skipReason === "upstream-cancelled");
  if (rule === "failure") {
    return failed || wasCancelled ? { run: true } : { run: false, state: "skipped", skipReason: "not-triggered" };
  }
  if (cancelled) return { run: false, state: "cancelled", skipReason: "upstream-cancelled" };
  if (needs.every((n) => n.state === "succeeded")) return { run: true };
  const skipReason: SkipReason = failed ? "upstream-failed" : wasCancelled ? "upstream-cancelled" : "upstream-skipped";
  return { run: false, state: "skipped", skipReason };
}
