import { executeRetirement } from "../../lib/canonical/retire.ts";
import { planRetirement, type RetirePlan } from "../../lib/canonical/retire-plan.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { acquireLock } from "../../lib/lock/acquire.ts";
import { describeHolder } from "../../lib/lock/errors.ts";
import type { LockHandle } from "../../lib/lock/types.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type Task } from "../../lib/runner/task.ts";
import { unlockTask } from "../shared/lock.ts";
import type { RetireParams } from "./params.ts";

/**
 * `cc-warm retire` as a graph: lock (real runs only: the recipe's lock, so no quick or promote
 * is mid-flight) → plan (what the canonical holds) → remove (real runs) → unlock (always).
 *
 * @example
 * ```ts
 * const run = await runGraph(retireGraph(env), { recipe: "demo", "dry-run": true });
 * ```
 */
export function retireGraph(env: CommandEnv): Graph<RetireParams> {
  const { config } = env;
  const { stateDir } = config;
  const lock = defineTask<RetireParams, LockHandle | undefined>({
    id: "lock", description: "real runs: take the recipe's lock (dry runs write nothing)",
    run: (ctx) => ctx.params["dry-run"] ? undefined : acquireLock(stateDir, ctx.params.recipe, {
      signal: ctx.signal, timeoutMs: (ctx.params["lock-timeout"] ?? config.locks.waitTimeoutMinutes) * 60_000, purpose: `retire ${ctx.params.recipe}`,
      onWait: (h) => ctx.log(`waiting for the lock on ${ctx.params.recipe}: held by ${describeHolder(h)}`),
    }),
  });
  const plan = defineTask<RetireParams, RetirePlan>({
    id: "plan", needs: [lock], description: "find the canonical's stack, volumes, secrets, configs, known-good and registry entry",
    run: (ctx) => planRetirement(ctx.params.recipe, config, { signal: ctx.signal }),
  });
  const remove = defineTask<RetireParams, string[] | undefined>({
    id: "remove", needs: [plan], description: "real runs: remove them (the registry entry last)",
    run: (ctx) => ctx.params["dry-run"] ? undefined : executeRetirement(ctx.output(plan)!, { stateDir, signal: ctx.signal, onStep: (m) => ctx.log(m) }),
  });
  const unlock = unlockTask<RetireParams>("unlock", lock as Task<RetireParams, LockHandle>, [remove.id]);
  return defineGraph<RetireParams>({
    id: "retire",
    description: "remove a canonical and all its warm data (dry run by default)",
    tasks: [lock, plan, remove, unlock],
  });
}
