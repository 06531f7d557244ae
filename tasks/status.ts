import { z } from "zod";
import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { concludeStatus } from "./status/conclude.ts";
import { type StatusParams, statusGraph } from "./status/graph.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const STATUS_SUMMARY = "show canonicals, disk, locks, alerts, the sweep schedule, and quick vs cold from the run history (read-only)";

const params: z.ZodType<StatusParams, { runs?: unknown }> = z.strictObject({
  runs: z.coerce.number().int().positive().max(10_000).optional().describe("summarise the last N runs per recipe and lane (default: config history.runs, 20)"),
});

/**
 * `cc-warm status [--json]`: per enrolled recipe the known-good (commit, version, age, size),
 * dirty flag, quick runs since promotion and last quick verdict; disk usage against
 * `config.disk`; locks and waiters; unacknowledged alerts; the sweep schedule and last results;
 * from the run history, per recipe the median quick and cold durations over the last `runs` runs,
 * the last verdicts and lane disagreements (a quick verdict contradicted by a cold one on the same commit).
 * A table on stderr; with `--json` the same data under `report` in the result line. Read-only.
 *
 * @example
 * ```ts
 * // cc-warm status --json | tail -n1 | jq .report.recipes
 * ```
 */
export const statusCommand: GraphCommand<StatusParams> = defineCommand({
  name: "status",
  summary: STATUS_SUMMARY,
  params,
  build: statusGraph,
  conclude: (run, _params, env) => concludeStatus(run, env),
  examples: ["cc-warm status", "cc-warm status runs=50", "cc-warm status --json --config /etc/cc-warm/config.json"],
});
