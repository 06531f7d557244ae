import { assertEnrollmentValid } from "../lib/canonical/naming.ts";
import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { ConfigError } from "../lib/errors.ts";
import { concludeSweep } from "./sweep/conclude.ts";
import { sweepGraph } from "./sweep/graph.ts";
import { type SweepParams, sweepParamsSchema } from "./sweep/params.ts";

/**
 * The summary `cc-warm --help` shows (kept equal to the catalog's).
 *
 * @example
 * ```ts
 * console.log(SWEEP_SUMMARY);
 * ```
 */
export const SWEEP_SUMMARY: string = "nightly full-cold sweep: roll warm infrastructure, cold-test up to MAX_TESTS recipes on latest, promote the green ones";

/**
 * `cc-warm sweep [max-tests=N]` (`npm run sweep`, `deno task sweep`): refuses while the host lock
 * is held; writes `<stateDir>/sweeps/<time>.json` and `latest.json`; prints the table on stderr.
 *
 * @example
 * ```ts
 * // CC_WARM_MAX_TESTS=3 cc-warm sweep --json
 * ```
 */
export const sweepCommand: GraphCommand<SweepParams> = defineCommand({
  name: "sweep",
  summary: SWEEP_SUMMARY,
  params: sweepParamsSchema,
  build: sweepGraph,
  precheck: (_params, env) => {
    assertEnrollmentValid(env.config, env.configPath);
    if (!env.config.sweep.coldCommand) throw new ConfigError(env.configPath ?? "config", "sweep.coldCommand: the orchestrator's cold command is needed to sweep");
  },
  conclude: (run) => concludeSweep(run),
  examples: ["cc-warm sweep", "cc-warm sweep max-tests=5 --json"],
});
