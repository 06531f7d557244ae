import type { CommandEnv } from "../../lib/cli/command.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";
import { openAlerts } from "./alerts.ts";
import { diskStatuses } from "./disk.ts";
import { historyStatus } from "./history.ts";
import { lockStatuses } from "./locks.ts";
import { recipeStatuses } from "./recipes.ts";
import { sweepStatus } from "./sweep.ts";

/** Parameters of `cc-warm status`. */
export interface StatusParams {
  /** Summarise the last this many runs per recipe and lane (default: config `history.runs`). */
  runs?: number | undefined;
}

/** The ids of the status graph's tasks, one per report section. */
export const STATUS_SECTIONS: readonly ["recipes", "disk", "locks", "alerts", "sweep", "history"] = ["recipes", "disk", "locks", "alerts", "sweep", "history"];

/**
 * The status graph: six independent read-only tasks (recipes, disk, locks, alerts, sweep, history)
 * that run concurrently; one failing leaves the others' sections intact. Nothing is created
 * or changed (not even the state dir).
 *
 * @example
 * ```ts
 * const run = await runGraph(statusGraph(env), {});
 * ```
 */
export function statusGraph(env: CommandEnv): Graph<StatusParams> {
  const { config } = env;
  const now = new Date();
  return defineGraph<StatusParams>({
    id: "status",
    description: "report canonicals, disk, locks, alerts and the sweep (read-only)",
    tasks: [
      defineTask({ id: "recipes", description: "per recipe: known-good, age, size, dirty, quick runs", run: () => recipeStatuses(config, now) }),
      defineTask({ id: "disk", description: "usage of the state dir's and Docker's filesystems vs config.disk", run: () => diskStatuses(config) }),
      defineTask({ id: "locks", description: "locks held and waited for", run: () => lockStatuses(config.stateDir) }),
      defineTask({ id: "alerts", description: "unacknowledged alerts", run: () => openAlerts(config.stateDir) }),
      defineTask({ id: "sweep", description: "sweep schedule and the last sweep's results", run: () => sweepStatus(config) }),
      defineTask<StatusParams>({ id: "history", description: "quick vs cold medians, last verdicts, lane disagreements", run: (ctx) => historyStatus(config.stateDir, { runs: ctx.params.runs ?? config.history.runs, signal: ctx.signal }) }),
    ],
    concurrency: 6,
    teardownDeadlineMs: 5_000,
  });
}
