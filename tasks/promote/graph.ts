import { adoptColdVolumes } from "../../lib/canonical/adopt.ts";
import { commitKnownGood, rewarmCanonical } from "../../lib/canonical/promote.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type TaskContext } from "../../lib/runner/task.ts";
import { lockTask, unlockTask } from "../shared/lock.ts";
import type { PromoteParams } from "./params.ts";
import { type BroughtUp, type Committed, type RestoreOutcome, restorePrevious, verifyCommitted } from "./outcome.ts";
import { createCanonicalRealm, deleteCanonicalRealm } from "../shared/sso.ts";
import { type PromoteContext, preparePromotion } from "./steps.ts";

/**
 * Promote-on-green-cold as a graph: lock → prepare (recover, align, gate, disk) → realm (SSO +
 * rewarm only) → bring the canonical to the green release (rewarm | adopt) → snapshot, swap the
 * known-good atomically, record it in the registry, verify registry = MANIFEST → on failure:
 * restore the previous known-good (if any) → delete realm, unlock (always).
 *
 * @example
 * ```ts
 * const run = await runGraph(promoteGraph(env), { recipe: "demo", verdict: "green", mode: "cold" });
 * ```
 */
export function promoteGraph(env: CommandEnv): Graph<PromoteParams> {
  const { config } = env;
  const { stateDir } = config;
  const lock = lockTask<PromoteParams>("lock", {
    stateDir,
    name: (p) => p.recipe,
    purpose: (p) => `promote ${p.recipe} ${p.ref ?? "latest"}`,
    timeoutMs: config.locks.waitTimeoutMinutes * 60_000,
  });
  const prepare = defineTask<PromoteParams, PromoteContext>({
    id: "prepare", needs: [lock], description: "recover interrupted swaps, re-check the gate under the lock, check the disk budget",
    run: (ctx) => preparePromotion(ctx, env),
  });
  const realm = defineTask({
    id: "realm", needs: [prepare], description: "create the canonical's realm for a fresh deploy (SSO recipes, rewarm only)",
    // adopt copies a cold app's data and deploys nothing: no realm needed.
    run: (ctx: TaskContext<PromoteParams>) => (ctx.output(prepare)!.strategy === "rewarm" ? createCanonicalRealm(ctx, env) : undefined),
  });
  const bring = defineTask<PromoteParams, BroughtUp>({
    id: "bring", needs: [realm], description: "bring the canonical to the green release: rewarm (fresh deploy, seed, undeploy) or adopt (copy the cold app's volumes)",
    run: async (ctx) => {
      const c = ctx.output(prepare)!;
      const onStep = (m: string) => ctx.log(m);
      if (c.strategy === "adopt") {
        await adoptColdVolumes(c.deployer, c.app, ctx.params["cold-domain"]!, { stateDir, signal: ctx.signal, onStep });
        return { commit: c.target.commit, specHash: undefined, imageDigests: {} };
      }
      const res = await rewarmCanonical(c.deployer, c.app, c.target.ref, {
        stateDir, convergeMs: c.convergeMs, seedCommand: config.recipes[c.app.recipe]?.seedCommand,
        env: ctx.output(realm)?.env ?? {}, signal: ctx.signal, onStep,
      });
      return { commit: res.commit ?? c.target.commit, specHash: res.specHash, imageDigests: res.imageDigests, excludedVolumes: res.excludedVolumes };
    },
  });
  const snapshot = defineTask<PromoteParams, Committed>({
    id: "snapshot", needs: [bring], description: "snapshot the undeployed canonical, swap the known-good atomically, update the registry",
    run: async (ctx) => {
      const c = ctx.output(prepare)!;
      const b = ctx.output(bring)!;
      const { entry, snapshot: snap } = await commitKnownGood(c.deployer, c.app, {
        stateDir, commit: b.commit, version: c.version, stackSpecHash: b.specHash, imageDigests: b.imageDigests, excludedVolumes: b.excludedVolumes,
        maxUsePercent: config.disk.pruneAtPercent, signal: ctx.signal,
        onProgress: (done, total, _f, _t, phase) => ctx.progress(done, total, "bytes", phase),
      });
      ctx.log(`known-good of ${c.app.recipe} is now ${b.commit.slice(0, 12)} (${snap.files} entries, ${snap.bytes} bytes)`);
      return verifyCommitted(stateDir, entry, snap.manifestDigest);
    },
  });
  const restore = defineTask<PromoteParams, RestoreOutcome>({
    id: "restore-previous", needs: [snapshot], rule: "failure", description: "on failure: put the canonical's data back to the previous known-good",
    run: (ctx) => restorePrevious(ctx, ctx.output(lock) ? ctx.output(prepare) : undefined, stateDir),
  });
  const dropRealm = defineTask({
    id: "delete-realm", needs: [restore], rule: "always", description: "delete the fresh deploy's realm (always)",
    run: (ctx: TaskContext<PromoteParams>) => deleteCanonicalRealm(ctx, env, ctx.output(realm)),
  });
  const unlock = unlockTask<PromoteParams>("unlock", lock, [dropRealm.id]);
  return defineGraph<PromoteParams>({
    id: "promote",
    description: "advance the canonical to a green cold run's latest release; the known-good moves atomically or not at all",
    tasks: [lock, prepare, realm, bring, snapshot, restore, dropRealm, unlock],
    concurrency: 2,
    teardownDeadlineMs: 20 * 60_000,
  });
}
