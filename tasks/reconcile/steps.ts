import type { CommandEnv } from "../../lib/cli/command.ts";
import { describeUpgradeSteps, type UpgradeSteps } from "../../lib/deploy/upgrade-steps.ts";
import { snapshotInfraData } from "../../lib/reconcile/data.ts";
import { waitInfraHealthy } from "../../lib/reconcile/health.ts";
import { type LastGoodRecord, writeLastGood } from "../../lib/reconcile/last-good.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import type { GateOutcome } from "./gate.ts";
import type { ReconcileParams } from "./params.ts";
import type { ReconcilePlan } from "./plan.ts";

/** The `snapshot` task's output. */
export interface SnapshotOutcome {
  taken: boolean;
  digest?: string | undefined;
}

/** Output of the `deploy` task: what was deployed, and when (for the health wait). */
export interface DeployOutcome {
  deployed: boolean;
  ref?: string | undefined;
  commit?: string | undefined;
  since?: number | undefined;
  /** Set for an upgrade: what it added (names only). */
  upgradeSteps?: UpgradeSteps | undefined;
}

const acts = (ctx: TaskContext<ReconcileParams>, gate: GateOutcome): boolean => !ctx.params["dry-run"] && gate.action !== "hold";

/** Before an upgrade of a stateful app: undeploy and snapshot its data (the last-good's). */
export async function snapshotStep(ctx: TaskContext<ReconcileParams>, plan: ReconcilePlan, gate: GateOutcome, env: CommandEnv): Promise<SnapshotOutcome> {
  if (!acts(ctx, gate) || gate.action !== "upgrade" || !plan.infra.stateful) return { taken: false };
  const snap = await snapshotInfraData(plan.deployer, plan.infra, plan.currentCommit!, {
    stateDir: env.config.stateDir, signal: ctx.signal, onStep: (m) => ctx.log(m),
    onProgress: (done, total, _f, _t, phase) => ctx.progress(done, total, "bytes", phase),
  });
  if (!snap) ctx.log(`${plan.infra.app.stack} has no volumes: nothing to snapshot`, "warn");
  else ctx.log(`snapshot ${snap.manifestDigest.slice(0, 12)}: ${snap.files} entries, ${snap.bytes} bytes`);
  return { taken: Boolean(snap), digest: snap?.manifestDigest };
}

/** Deploy the target (fresh, upgrade) or the last-good commit (redeploy); nothing when unchanged. */
export async function deployStep(ctx: TaskContext<ReconcileParams>, plan: ReconcilePlan, gate: GateOutcome): Promise<DeployOutcome> {
  if (!acts(ctx, gate) || gate.action === "unchanged") return { deployed: false };
  const ref = gate.action === "redeploy" ? plan.currentCommit! : plan.target.tag;
  const since = Date.now();
  // An upgrade of the running app is an operator's: new .env.sample keys, missing secrets.
  const res = gate.action === "upgrade"
    ? await plan.deployer.upgrade(plan.infra.app, ref, { signal: ctx.signal })
    : await plan.deployer.deploy(plan.infra.app, ref, { signal: ctx.signal });
  const steps = describeUpgradeSteps(res.upgradeSteps);
  ctx.log(`deployed ${plan.infra.app.stack} at ${gate.action === "redeploy" ? plan.current!.tag : plan.target.tag} (${(res.commit ?? ref).slice(0, 12)})${steps ? `; ${steps}` : res.secretsCreated.length ? `; generated secrets: ${res.secretsCreated.join(", ")}` : ""}`);
  return { deployed: true, ref, commit: res.commit, since, upgradeSteps: res.upgradeSteps };
}

/** Converged healthy and the health URL answers 200 (also checked when unchanged). */
export async function healthStep(ctx: TaskContext<ReconcileParams>, plan: ReconcilePlan, gate: GateOutcome, deploy: DeployOutcome): Promise<boolean> {
  if (ctx.params["dry-run"] || gate.action === "hold") return false;
  const { infra } = plan;
  ctx.log(`waiting until ${infra.app.stack} is healthy${infra.healthUrl ? ` and ${infra.healthUrl} answers 200` : ""}`);
  await waitInfraHealthy(plan.deployer, infra.app, { timeoutMs: deploy.deployed ? infra.convergeMs : 60_000, healthUrl: infra.healthUrl, since: deploy.since, signal: ctx.signal });
  ctx.log(`${infra.app.stack} is healthy`);
  return true;
}

/** Healthy: the target becomes last-good (written atomically). Unchanged with a record: nothing written. */
export async function commitStep(ctx: TaskContext<ReconcileParams>, plan: ReconcilePlan, gate: GateOutcome, snap: SnapshotOutcome, env: CommandEnv): Promise<LastGoodRecord | undefined> {
  if (!acts(ctx, gate)) return undefined;
  if (gate.action === "unchanged" && !plan.adopted) return plan.lastGood;
  const to = gate.action === "redeploy" ? { tag: plan.current!.tag, commit: plan.currentCommit! } : { tag: plan.target.tag, commit: plan.targetCommit };
  const record = await writeLastGood(env.config.stateDir, {
    app: plan.infra.app.recipe, version: to.tag, commit: to.commit, domain: plan.infra.app.domain, stack: plan.infra.app.stack,
    recordedAt: new Date().toISOString(), snapshotDigest: snap.digest ?? plan.lastGood?.snapshotDigest,
  });
  ctx.log(`last-good := ${record.version}`);
  return record;
}
