import type { Conclusion } from "../../lib/cli/command.ts";
import { exitCodeForError } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { LastGoodRecord } from "../../lib/reconcile/last-good.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { describeUpgradeSteps } from "../../lib/deploy/upgrade-steps.ts";
import type { GateOutcome } from "./gate.ts";
import type { ReconcileParams } from "./params.ts";
import type { ReconcilePlan } from "./plan.ts";
import type { RollbackOutcome } from "./rollback.ts";
import type { DeployOutcome } from "./steps.ts";

/**
 * Read a reconcile run. 0: reconciled, unchanged, or a dry run's plan; 1: held by the gate or
 * rolled back cleanly (an alert was raised either way); 2: bad input; 3: a failed rollback, a
 * failed fresh deploy, an unhealthy last-good, any other error; 5: cancelled.
 */
export function concludeReconcile(run: GraphRun, params: ReconcileParams): Conclusion {
  const plan = run.output<ReconcilePlan>("inspect");
  const gate = run.output<GateOutcome>("gate");
  const rollback = run.output<RollbackOutcome>("rollback");
  const lastGood = run.output<LastGoodRecord | undefined>("commit");
  const app = params.app;
  const base = {
    mode: "reconcile",
    app,
    domain: plan?.infra.app.domain ?? null,
    action: gate?.action ?? plan?.action ?? null,
    from: plan?.current?.tag ?? null,
    to: plan?.target.tag ?? null,
    lastGood: lastGood?.version ?? plan?.lastGood?.version ?? null,
    dryRun: params["dry-run"],
    rolledBack: rollback?.rolledBack ?? false,
    dataRestored: rollback?.dataRestored ?? false,
    reasons: gate?.reasons ?? [],
    notes: (gate?.notes ?? []).map((n) => ({ version: n.version, manualMigration: n.manualMigration })),
    alertId: gate?.alertId ?? rollback?.alertId ?? null,
    upgradeSteps: run.output<DeployOutcome>("deploy")?.upgradeSteps ?? null,
  };
  const steps = describeUpgradeSteps(base.upgradeSteps ?? undefined);
  const failed = Object.values(run.tasks).filter((t) => t.state === "failed");
  const first = failed[0]?.error;
  if (run.tasks.rollback?.state === "failed") {
    return { exitCode: ExitCode.InfraError, result: { ...base, verdict: "error", rollbackFailed: true, reason: run.tasks.rollback.error?.message }, summary: `reconcile ${app}: ROLLBACK FAILED — a human must look (${run.tasks.rollback.error?.message})` };
  }
  if (run.status === "cancelled") {
    return { exitCode: ExitCode.Cancelled, result: { ...base, verdict: "cancelled" }, summary: `reconcile ${app} cancelled${base.rolledBack ? `; rolled back to ${base.from}` : ""}` };
  }
  if (run.status === "passed") {
    if (params["dry-run"]) return { exitCode: ExitCode.Passed, result: { ...base, verdict: "planned" }, summary: `reconcile ${app} (dry run): would ${base.action} (${base.from ?? "none"} → ${base.to})${base.reasons.length ? `: ${base.reasons.join("; ")}` : ""}` };
    if (gate?.action === "hold") {
      return { exitCode: ExitCode.VerdictFailed, result: { ...base, verdict: "held" }, summary: `reconcile ${app}: HELD ${base.from} → ${base.to}: ${base.reasons.join("; ")} (alert ${base.alertId}; nothing deployed)` };
    }
    if (gate?.action === "unchanged") return { exitCode: ExitCode.Passed, result: { ...base, verdict: "unchanged" }, summary: `reconcile ${app}: already at ${base.to} and healthy; nothing changed` };
    return { exitCode: ExitCode.Passed, result: { ...base, verdict: "reconciled" }, summary: `reconcile ${app}: ${base.action} ${base.from ?? "none"} → ${base.lastGood}: healthy, recorded as last-good${steps ? `; ${steps}` : ""}` };
  }
  if (base.rolledBack) {
    return { exitCode: ExitCode.VerdictFailed, result: { ...base, verdict: "rolled-back", reason: first?.message }, summary: `reconcile ${app}: ${base.to} failed (${failed[0]?.id}: ${first?.message}); rolled back to ${base.from}${base.dataRestored ? " with its data" : ""} (alert ${base.alertId})` };
  }
  const code = exitCodeForError(first);
  return { exitCode: code, result: { ...base, verdict: "error", reason: first?.message }, summary: `reconcile ${app}: error in ${failed.map((t) => t.id).join(", ")}: ${first?.message}` };
}
