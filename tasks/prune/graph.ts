import { raiseAlert } from "../../lib/alerts/raise.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { readDockerInventory } from "../../lib/disk/inventory.ts";
import { diskPrune } from "../../lib/disk/prune.ts";
import type { DiskUsage, PruneReport } from "../../lib/disk/types.ts";
import { diskUsage } from "../../lib/disk/usage.ts";
import { InfraError } from "../../lib/errors.ts";
import { acquireLock } from "../../lib/lock/acquire.ts";
import { describeHolder } from "../../lib/lock/errors.ts";
import type { LockHandle } from "../../lib/lock/types.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type Task, type TaskContext } from "../../lib/runner/task.ts";
import { unlockTask } from "../shared/lock.ts";
import type { PruneParams } from "./params.ts";
import { type ProtectedStack, protectedStacks } from "./protected.ts";

/** The lock real prunes take: two prunes never race each other (quick/promote are not blocked). */
export const PRUNE_LOCK = "prune";

/**
 * `cc-warm prune` as a graph: lock (real runs only) → protect → usage → plan (dry) → prune
 * (real runs; decides again at execution time, since the world may have moved since the plan)
 * → usage after → alert (real runs, if a disk is still above the warning threshold) → unlock.
 *
 * @example
 * ```ts
 * const run = await runGraph(pruneGraph(env), { "dry-run": true, "lock-timeout": 30 });
 * ```
 */
export function pruneGraph(env: CommandEnv): Graph<PruneParams> {
  const { config } = env;
  const { stateDir, dockerRoot, disk: policy } = config;
  const paths = [dockerRoot, stateDir];
  const lock = defineTask<PruneParams, LockHandle | undefined>({
    id: "lock", description: "real runs: take the prune lock (dry runs write nothing)",
    run: (ctx) => ctx.params["dry-run"] ? undefined : acquireLock(stateDir, PRUNE_LOCK, {
      signal: ctx.signal, timeoutMs: ctx.params["lock-timeout"] * 60_000, purpose: "prune",
      onWait: (h) => ctx.log(`waiting for the prune lock: held by ${describeHolder(h)}`),
    }),
  });
  const protect = defineTask<PruneParams, ProtectedStack[]>({
    id: "protect", needs: [lock], description: "list protected stacks: canonicals, warm Keycloak, traefik, every warm-* stack",
    run: async (ctx) => {
      const list = await protectedStacks(config, await readDockerInventory({ signal: ctx.signal }));
      ctx.log(`protected: ${list.map((p) => p.stack).join(", ")}`);
      return list;
    },
  });
  const usage = defineTask<PruneParams, DiskUsage[]>({
    id: "usage", needs: [lock], description: "disk usage of Docker's data root and the state dir",
    run: (ctx) => measure(ctx, paths, "before"),
  });
  const prune = (dryRun: boolean) => (ctx: TaskContext<PruneParams>): Promise<PruneReport> =>
    diskPrune(policy, { stateDir, dockerRoot, protectedStacks: ctx.output(protect)!.map((p) => p.stack), dryRun, signal: ctx.signal, namePrefix: ctx.params.scope });
  const plan = defineTask<PruneParams, PruneReport>({
    id: "plan", needs: [protect, usage], description: "decide what would go and its bytes (changes nothing)",
    run: async (ctx) => logTotals(ctx, await prune(true)(ctx)),
  });
  const execute = defineTask<PruneParams, PruneReport | undefined>({
    id: "prune", needs: [plan], description: "real runs: remove the leftovers (never warm data)",
    run: async (ctx) => (ctx.params["dry-run"] ? (ctx.log("dry run: nothing removed"), undefined) : logTotals(ctx, await prune(false)(ctx))),
  });
  const after = defineTask<PruneParams, DiskUsage[]>({
    id: "usage-after", needs: [execute], description: "disk usage after pruning",
    run: (ctx) => measure(ctx, paths, "after"),
  });
  const alert = defineTask<PruneParams, string | undefined>({
    id: "alert", needs: [after], description: "real runs: raise an alert if a disk is still above the warning threshold",
    run: async (ctx) => {
      const high = ctx.output(after)!.filter((u) => u.percent >= policy.warnAtPercent);
      if (ctx.params["dry-run"] || !high.length) return undefined;
      const why = high.map((u) => `${u.path} is ${u.percent}% used (warn at ${policy.warnAtPercent}%)`).join("; ");
      const rec = await raiseAlert(stateDir, { what: "disk still above the warning threshold after prune", why }, { notifyCommand: config.alerts.notifyCommand, signal: ctx.signal });
      ctx.log(`alert ${rec.id} raised: ${why}`, "warn");
      return rec.id;
    },
  });
  const unlock = unlockTask<PruneParams>("unlock", lock as Task<PruneParams, LockHandle>, [alert.id]);
  return defineGraph<PruneParams>({
    id: "prune",
    description: "free disk from cold-run leftovers, snapshot garbage and the image cache; never warm data",
    tasks: [lock, protect, usage, plan, execute, after, alert, unlock],
    concurrency: 2,
    teardownDeadlineMs: 30_000,
  });
}

async function measure(ctx: TaskContext<PruneParams>, paths: string[], when: string): Promise<DiskUsage[]> {
  try {
    const u = await diskUsage(paths);
    ctx.log(`${when}: ${u.map((x) => `${x.path} ${x.percent}%`).join(", ")}`);
    return u;
  } catch (e) {
    throw new InfraError(`cannot measure ${paths.join(" and ")} (${(e as NodeJS.ErrnoException).code ?? e}): the state dir must exist (a real prune creates it)`, { cause: e });
  }
}

function logTotals(ctx: TaskContext<PruneParams>, r: PruneReport): PruneReport {
  const verb = r.dryRun ? "would remove" : "removed";
  ctx.log(`${verb} ${r.totals.removeCount} item(s), ${r.totals.removeBytes} bytes; kept ${r.totals.keptCount}; failed ${r.totals.failedCount}`);
  for (const w of r.warnings) ctx.log(w, "warn");
  return r;
}
