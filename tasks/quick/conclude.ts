import type { Conclusion } from "../../lib/cli/command.ts";
import { exitCodeForError } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { describeUpgradeSteps } from "../../lib/deploy/upgrade-steps.ts";
import type { DeployStepOutcome } from "../shared/deploy.ts";
import type { QuickParams } from "./params.ts";
import type { CanonicalContext } from "./steps.ts";

/** Tasks whose failure is the PR's fault (a FAIL verdict), not the infrastructure's. */
const VERDICT_TASKS = new Set(["upgrade", "assert"]);
const TEARDOWN_TASKS = ["delete-realm", "unlock"];

/**
 * Read a quick run: PASS → 0; FAIL in upgrade/asserts with a clean rollback → 1; a failed
 * rollback or any other failure → 3 (a human must look); cancelled → 5.
 */
export function concludeQuick(run: GraphRun, params: QuickParams): Conclusion {
  const c = run.output<CanonicalContext>("canonical");
  const rollback = run.output<{ rolledBack: boolean }>("rollback");
  const failed = Object.values(run.tasks).filter((t) => t.state === "failed");
  const base = {
    mode: "quick",
    recipe: params.recipe,
    ref: params.ref,
    canonical: c?.entry.knownGoodCommit ?? null,
    knownGoodDigest: c?.entry.manifestDigest ?? null,
    domain: c?.app.domain ?? null,
    rolledBack: rollback?.rolledBack ?? false,
    restoredFirst: run.output<boolean>("restore-dirty") ?? false,
    upgradedCommit: run.output<DeployStepOutcome>("upgrade")?.commit ?? null,
    upgradeSteps: run.output<DeployStepOutcome>("upgrade")?.upgradeSteps ?? null,
  };
  const steps = describeUpgradeSteps(base.upgradeSteps ?? undefined);
  const first = failed[0]?.error;
  if (run.tasks.rollback?.state === "failed") {
    return {
      exitCode: ExitCode.InfraError,
      result: { ...base, verdict: "error", rollbackFailed: true },
      summary: `quick ${params.recipe}: ROLLBACK FAILED — the canonical's data may not be at known-good; a human must look (${run.tasks.rollback.error?.message})`,
    };
  }
  const teardownFailed = TEARDOWN_TASKS.filter((id) => run.tasks[id]?.state === "failed");
  const withTeardown = (x: Conclusion): Conclusion =>
    teardownFailed.length
      ? { ...x, exitCode: ExitCode.InfraError, summary: `${x.summary}; but teardown failed: ${teardownFailed.join(", ")}` }
      : x;
  if (run.status === "cancelled") {
    return withTeardown({ exitCode: ExitCode.Cancelled, result: { ...base, verdict: "cancelled" }, summary: `quick ${params.recipe} cancelled${base.rolledBack ? "; data restored to known-good" : ""}` });
  }
  if (run.status === "passed") {
    return { exitCode: ExitCode.Passed, result: { ...base, verdict: "passed" }, summary: `quick ${params.recipe} ${params.ref}: PASS (known-good unchanged)${steps ? `; ${steps}` : ""}` };
  }
  const verdictOnly = failed.every((t) => VERDICT_TASKS.has(t.id));
  if (verdictOnly && base.rolledBack) {
    return withTeardown({
      exitCode: ExitCode.VerdictFailed,
      result: { ...base, verdict: "failed", reason: first?.message },
      summary: `quick ${params.recipe} ${params.ref}: FAIL (${failed[0]!.id}: ${first?.message}); data rolled back to known-good`,
    });
  }
  return {
    exitCode: exitCodeForError(first),
    result: { ...base, verdict: "error", reason: first?.message },
    summary: `quick ${params.recipe}: error in ${failed.map((t) => t.id).join(", ")}: ${first?.message}${base.rolledBack ? "; data restored to known-good" : ""}`,
  };
}
