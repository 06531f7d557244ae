import type { CommandEnv } from "../../lib/cli/command.ts";
import { acquireLock } from "../../lib/lock/acquire.ts";
import { describeHolder } from "../../lib/lock/errors.ts";
import type { LockHandle } from "../../lib/lock/types.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type TaskContext } from "../../lib/runner/task.ts";
import type { LastGoodRecord } from "../../lib/reconcile/last-good.ts";
import { type GateOutcome, runGate } from "./gate.ts";
import type { ReconcileParams } from "./params.ts";
import { inspectInfra, type ReconcilePlan } from "./plan.ts";
import { type RollbackOutcome, runRollback } from "./rollback.ts";
import { commitStep, type DeployOutcome, deployStep, healthStep, snapshotStep, type SnapshotOutcome } from "./steps.ts";

/**
 * The health-gated reconciler (WC1.1) as a graph: lock → inspect (last-good, target, deployed?)
 * → gate (WC1.2: hold + alert) → snapshot (stateful upgrade: undeploy, copy the data) → deploy
 * → health → commit last-good | rollback (failure: restore, redeploy last-good, alert) →
 * unlock (always). A dry run takes no lock and changes nothing.
 */
export function reconcileGraph(env: CommandEnv): Graph<ReconcileParams> {
  const { config } = env;
  // The first failure's message per run, for the rollback's alert (the runner keeps errors to itself).
  const failures = new Map<string, string>();
  const noting = <O>(id: string, fn: (ctx: TaskContext<ReconcileParams>) => Promise<O>) => async (ctx: TaskContext<ReconcileParams>): Promise<O> => {
    try {
      return await fn(ctx);
    } catch (err) {
      if (!failures.has(ctx.runId)) failures.set(ctx.runId, `${id}: ${(err as Error)?.message ?? String(err)}`.slice(0, 2_000));
      throw err;
    }
  };
  const lock = defineTask<ReconcileParams, LockHandle | undefined>({
    id: "lock", description: "take the infra app's lock (not in a dry run)",
    run: (ctx) => ctx.params["dry-run"] ? undefined : acquireLock(config.stateDir, `infra-${ctx.params.app}`, {
      signal: ctx.signal, timeoutMs: config.locks.waitTimeoutMinutes * 60_000, purpose: `reconcile ${ctx.params.app}`,
      onWait: (h) => ctx.log(`waiting for the lock on infra-${ctx.params.app}: held by ${describeHolder(h)}`),
    }),
  });
  const inspect = defineTask<ReconcileParams, ReconcilePlan>({
    id: "inspect", needs: [lock], description: "read the last-good record, the recipe's releases, the running stack",
    run: noting("inspect", (ctx) => inspectInfra(ctx, env)),
  });
  const gate = defineTask<ReconcileParams, GateOutcome>({
    id: "gate", needs: [inspect], description: "hold a major bump or a flagged manual migration (alert with the notes)",
    run: noting("gate", (ctx) => runGate(ctx, ctx.output(inspect)!, env)),
  });
  const snapshot = defineTask<ReconcileParams, SnapshotOutcome>({
    id: "snapshot", needs: [gate], description: "stateful upgrade: undeploy and snapshot the data",
    run: noting("snapshot", (ctx) => snapshotStep(ctx, ctx.output(inspect)!, ctx.output(gate)!, env)),
  });
  const deploy = defineTask<ReconcileParams, DeployOutcome>({
    id: "deploy", needs: [snapshot], description: "deploy the target release (or the last-good when it is not running)",
    run: noting("deploy", (ctx) => deployStep(ctx, ctx.output(inspect)!, ctx.output(gate)!)),
  });
  const health = defineTask<ReconcileParams, boolean>({
    id: "health", needs: [deploy], description: "converged healthy and the health URL answers 200",
    run: noting("health", (ctx) => healthStep(ctx, ctx.output(inspect)!, ctx.output(gate)!, ctx.output(deploy)!)),
  });
  const commit = defineTask<ReconcileParams, LastGoodRecord | undefined>({
    id: "commit", needs: [health], description: "healthy: record the release as last-good (atomic)",
    run: noting("commit", (ctx) => commitStep(ctx, ctx.output(inspect)!, ctx.output(gate)!, ctx.output(snapshot)!, env)),
  });
  const rollback = defineTask<ReconcileParams, RollbackOutcome>({
    id: "rollback", needs: [commit], rule: "failure", description: "failed/cancelled: restore the data, redeploy last-good, alert",
    run: (ctx) => {
      const failed = [inspect, gate, snapshot, deploy, health, commit].find((t) => ["failed", "cancelled"].includes(ctx.stateOf(t)));
      const deployState = ctx.stateOf(deploy);
      return runRollback(ctx, {
        plan: ctx.output(inspect),
        gate: ctx.output(gate),
        snapshot: ctx.output(snapshot),
        deployStarted: deployState !== "pending" && deployState !== "skipped",
        failure: failures.get(ctx.runId) ?? (failed ? `${failed.id} ${ctx.stateOf(failed)}` : "the run failed"),
      }, env).finally(() => failures.delete(ctx.runId));
    },
  });
  const unlock = defineTask<ReconcileParams, boolean>({
    id: "unlock", needs: [rollback], rule: "always", description: "release the lock (always)",
    run: async (ctx) => {
      const handle = ctx.output(lock);
      if (!handle) return false;
      await handle.release();
      return true;
    },
  });
  return defineGraph<ReconcileParams>({
    id: "reconcile",
    description: "bring a live-warm infra app to its recipe's latest release, health-gated, with rollback",
    tasks: [lock, inspect, gate, snapshot, deploy, health, commit, rollback, unlock],
    concurrency: 2,
    teardownDeadlineMs: 20 * 60_000,
  });
}
