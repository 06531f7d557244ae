import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { exitCodeForError } from "../lib/cli/conclude.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { type CommandResult, runCommandGraph, type RunCommandGraphOptions } from "../lib/cli/run-command.ts";
import { describeUpgradeSteps } from "../lib/deploy/upgrade-steps.ts";
import { coldGraph } from "./cold/graph.ts";
import type { DeployStepOutcome } from "./shared/deploy.ts";
import { type ColdParams, coldParamsSchema } from "./cold/params.ts";

const VERDICT_TASKS = new Set(["deploy", "upgrade", "assert"]);

/**
 * `cc-warm cold recipe=X [ref=…] [from=…]`: a cold run (fresh app, nothing retained) — what the
 * orchestrator does by default, here for the demo, the benchmarks and sweeps without an
 * orchestrator. It never promotes: `cc-warm promote` decides that from its verdict.
 *
 * @example
 * ```ts
 * // cc-warm cold recipe=demo ref=v2 from=v1 --json
 * ```
 */
export const coldCommand: GraphCommand<ColdParams> = defineCommand({
  name: "cold",
  summary: "a cold run: fresh app at a per-run domain, deploy [→ upgrade], assert, tear everything down",
  params: coldParamsSchema,
  build: coldGraph,
  conclude: (run, params) => {
    const upgraded = run.output<DeployStepOutcome>("upgrade");
    const base = { mode: "cold", recipe: params.recipe, ref: params.ref, from: params.from ?? null, commit: upgraded?.commit ?? null, upgradeSteps: upgraded?.upgradeSteps ?? null, rolledBack: false };
    const steps = describeUpgradeSteps(upgraded?.upgradeSteps);
    const failed = Object.values(run.tasks).filter((t) => t.state === "failed");
    if (run.tasks.teardown?.state === "failed") {
      return { exitCode: ExitCode.InfraError, result: { ...base, verdict: "error" }, summary: `cold ${params.recipe}: TEARDOWN FAILED: ${run.tasks.teardown.error?.message}` };
    }
    if (run.status === "cancelled") return { exitCode: ExitCode.Cancelled, result: { ...base, verdict: "cancelled" }, summary: `cold ${params.recipe} cancelled; torn down` };
    if (run.status === "passed") return { exitCode: ExitCode.Passed, result: { ...base, verdict: "passed" }, summary: `cold ${params.recipe} ${params.ref}: PASS${steps ? ` (${steps})` : ""}` };
    const first = failed[0]!;
    if (failed.every((t) => VERDICT_TASKS.has(t.id)) && first.error?.name !== "InputError") {
      return { exitCode: ExitCode.VerdictFailed, result: { ...base, verdict: "failed", reason: first.error?.message }, summary: `cold ${params.recipe} ${params.ref}: FAIL (${first.id}: ${first.error?.message})` };
    }
    return { exitCode: exitCodeForError(first.error), result: { ...base, verdict: "error", reason: first.error?.message }, summary: `cold ${params.recipe}: error in ${first.id}: ${first.error?.message}` };
  },
  examples: ["cc-warm cold recipe=demo ref=v2", "cc-warm cold recipe=demo from=v1 ref=v2 --json"],
});

/**
 * Run a cold run from code.
 *
 * @example
 * ```ts
 * const result = await cold({ recipe: "demo", ref: "v1" });
 * ```
 */
export function cold(params: { recipe: string; ref?: string; from?: string; assert?: string }, options: RunCommandGraphOptions = {}): Promise<CommandResult> {
  return runCommandGraph(coldCommand, params, options);
}

