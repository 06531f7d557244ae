import type { ConvergeReport } from "../../lib/deploy/converge.ts";
import { convergeTimeoutMs } from "../../lib/deploy/deploy-timeout.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { describeUpgradeSteps, type UpgradeSteps } from "../../lib/deploy/upgrade-steps.ts";
import type { TaskContext } from "../../lib/runner/task.ts";

/** What a deploy (or upgrade) task hands on. */
export interface DeployStepOutcome {
  commit: string | undefined;
  /** Set for upgrades: the env keys and secrets the upgrade added (names only). */
  upgradeSteps?: UpgradeSteps | undefined;
}

/** The app a deploy task works on. */
export interface DeployTarget {
  app: AppRef;
  deployer: Deployer;
  /** Ms the deploy may take to converge. */
  convergeMs: number;
}

/**
 * Deploy (or, with `upgrade`, upgrade as an operator would) `target.app` at `ref` and wait
 * until every service converged; logs what the upgrade added and how each service ended.
 *
 * @example
 * ```ts
 * const { commit, upgradeSteps } = await deployAndWait(ctx, c, ctx.params.ref, { upgrade: true });
 * ```
 */
export async function deployAndWait(ctx: Pick<TaskContext, "log" | "signal">, target: DeployTarget, ref: string, options: { upgrade?: boolean; env?: Record<string, string>; persistEnv?: boolean; paramMinutes?: number | undefined } = {}): Promise<DeployStepOutcome> {
  const { app, deployer } = target;
  const opts = { signal: ctx.signal, env: options.env, persistEnv: options.persistEnv };
  const res = options.upgrade ? await deployer.upgrade(app, ref, opts) : await deployer.deploy(app, ref, opts);
  const steps = describeUpgradeSteps(res.upgradeSteps);
  // The caller's timeout= wins, then the recipe's deploy-timeout label, then the config.
  const timeoutMs = convergeTimeoutMs({ paramMinutes: options.paramMinutes, labelMs: res.timeoutMs, configMs: target.convergeMs });
  ctx.log(`deployed ${app.stack} at ${ref}${res.commit ? ` (${res.commit.slice(0, 12)})` : ""}${steps ? `; ${steps}` : ""}; waiting until converged (timeout ${timeoutMs / 1000} s)`);
  const report = await deployer.waitConverged(app, { timeoutMs, signal: ctx.signal });
  ctx.log(`converged in ${(report.durationMs / 1000).toFixed(1)} s: ${describeServices(report)}`);
  return { commit: res.commit, upgradeSteps: res.upgradeSteps };
}

function describeServices(report: ConvergeReport): string {
  return report.services.map((s) => `${s.name.startsWith(`${report.stack}_`) ? s.name.slice(report.stack.length + 1) : s.name} ${s.ready}/${s.want}${s.kind === "one-shot" ? " done" : ""}`).join(", ");
}
