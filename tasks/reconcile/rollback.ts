import { raiseAlert } from "../../lib/alerts/raise.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { restoreInfraData } from "../../lib/reconcile/data.ts";
import { waitInfraHealthy } from "../../lib/reconcile/health.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import type { GateOutcome } from "./gate.ts";
import type { ReconcileParams } from "./params.ts";
import type { ReconcilePlan } from "./plan.ts";
import type { SnapshotOutcome } from "./steps.ts";

/** The `rollback` task's output. */
export interface RollbackOutcome {
  /** The last-good release runs again (data restored when a snapshot was taken). */
  rolledBack: boolean;
  dataRestored: boolean;
  /** Why nothing was rolled back, when so. */
  reason?: string | undefined;
  alertId?: string | undefined;
}

/** What the rollback needs to know about the run so far. */
export interface RollbackInput {
  plan: ReconcilePlan | undefined;
  gate: GateOutcome | undefined;
  snapshot: SnapshotOutcome | undefined;
  /** The upgrade's deploy started (the data may have been touched by the new release). */
  deployStarted: boolean;
  /** The first error of the run, for the alert. */
  failure: string;
}

/**
 * After a failed or cancelled upgrade: restore the pre-upgrade snapshot, redeploy the last-good
 * commit, wait healthy, alert. A failed fresh deploy or an unhealthy last-good has nothing to
 * roll back to: it alerts only. A failing rollback alerts and throws (exit 3: a human must look).
 */
export async function runRollback(ctx: TaskContext<ReconcileParams>, input: RollbackInput, env: CommandEnv): Promise<RollbackOutcome> {
  const { plan, gate } = input;
  if (!plan || !gate || gate.action === "hold" || ctx.params["dry-run"]) return { rolledBack: false, dataRestored: false, reason: "nothing was changed" };
  const { infra } = plan;
  const name = infra.app.recipe;
  const alert = (what: string, why: string) =>
    raiseAlert(env.config.stateDir, { what, why, app: name }, { notifyCommand: env.config.alerts.notifyCommand, signal: ctx.signal }).then((a) => a.id);
  if (gate.action !== "upgrade") {
    const id = await alert(`${name} ${gate.action === "fresh" ? "fresh deploy" : "last-good"} ${gate.action === "fresh" ? plan.target.tag : plan.current?.tag} is not healthy`, `${input.failure}. There is no older release to roll back to: a human must look.`);
    return { rolledBack: false, dataRestored: false, reason: `no older release to roll back to (${gate.action})`, alertId: id };
  }
  const from = plan.current!.tag;
  try {
    let dataRestored = false;
    if (input.deployStarted && input.snapshot?.taken) {
      await restoreInfraData(plan.deployer, infra, { stateDir: env.config.stateDir, signal: ctx.signal, onStep: (m) => ctx.log(m) });
      dataRestored = true;
    } else if (await plan.deployer.isDeployed(infra.app, { signal: ctx.signal })) {
      await plan.deployer.undeploy(infra.app, { signal: ctx.signal });
    }
    const since = Date.now();
    await plan.deployer.deploy(infra.app, plan.currentCommit!, { signal: ctx.signal });
    ctx.log(`redeployed the last-good ${from}; waiting until healthy`);
    await waitInfraHealthy(plan.deployer, infra.app, { timeoutMs: infra.convergeMs, healthUrl: infra.healthUrl, since, signal: ctx.signal });
    const id = await alert(`${name} upgrade ${from} → ${plan.target.tag} rolled back`, `${input.failure}. ${dataRestored ? "Data restored from the pre-upgrade snapshot; " : ""}${from} runs healthy again.`);
    return { rolledBack: true, dataRestored, alertId: id };
  } catch (err) {
    await alert(`${name} ROLLBACK FAILED (${plan.target.tag} → ${from})`, `${input.failure}; then the rollback failed: ${(err as Error).message}. A human must look.`).catch(() => undefined);
    throw err;
  }
}
