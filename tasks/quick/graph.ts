import type { CommandEnv } from "../../lib/cli/command.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type TaskContext } from "../../lib/runner/task.ts";
import type { RestoreResult } from "../../lib/volumes/restore.ts";
import { restoreCanonical } from "../../lib/canonical/restore.ts";
import { lockTask, unlockTask } from "../shared/lock.ts";
import { runAsserts } from "../shared/assert.ts";
import type { QuickParams } from "./params.ts";
import { createCanonicalRealm, deleteCanonicalRealm } from "../shared/sso.ts";
import type { DeployStepOutcome } from "../shared/deploy.ts";
import { type CanonicalContext, copyProgress, countQuickRun, deployAndConverge, loadCanonical, restoreIfDirty } from "./steps.ts";

/** Outcome of the rollback task. */
export interface RollbackOutcome {
  rolledBack: boolean;
  restore?: RestoreResult;
}

/**
 * The quick lane as a graph (DESIGN "Quick lane semantics"): lock → canonical → restore if dirty
 * → realm → reattach at known-good → upgrade to the PR ref → asserts → PASS: undeploy, keep the
 * volumes (dirty); FAIL/timeout/cancel: undeploy, restore known-good, verify, mark clean →
 * delete realm, unlock (always). The known-good never moves here.
 */
export function quickGraph(env: CommandEnv): Graph<QuickParams> {
  const { stateDir } = env.config;
  const lock = lockTask<QuickParams>("lock", {
    stateDir,
    name: (p) => p.recipe,
    purpose: (p) => `quick ${p.recipe} ${p.ref}`,
    timeoutMs: (p) => (p["lock-timeout"] ?? env.config.locks.waitTimeoutMinutes) * 60_000,
  });
  const canonical = defineTask<QuickParams, CanonicalContext>({
    id: "canonical", needs: [lock], description: "read the canonical under the lock; recover interrupted swaps",
    run: (ctx) => loadCanonical(ctx, env),
  });
  const restoreFirst = defineTask<QuickParams, boolean>({
    id: "restore-dirty", needs: [canonical], description: "restore known-good first if a previous run touched the data",
    run: (ctx) => restoreIfDirty(ctx, ctx.output(canonical)!, stateDir),
  });
  const realm = defineTask({
    id: "realm", needs: [canonical], description: "create the run's realm on the warm Keycloak (SSO recipes only)",
    run: (ctx: TaskContext<QuickParams>) => createCanonicalRealm(ctx, env),
  });
  const reattach = defineTask<QuickParams, DeployStepOutcome>({
    id: "reattach", needs: [restoreFirst, realm], description: "deploy the canonical at its known-good commit; wait converged",
    run: (ctx) => {
      const c = ctx.output(canonical)!;
      return deployAndConverge(ctx, c, c.entry.knownGoodCommit, { env: ctx.output(realm)?.env ?? {}, stateDir });
    },
  });
  const upgrade = defineTask<QuickParams, DeployStepOutcome>({
    id: "upgrade", needs: [reattach], description: "upgrade to the PR ref as an operator would (new env keys, missing secrets); wait converged",
    run: (ctx) => deployAndConverge(ctx, ctx.output(canonical)!, ctx.params.ref, { env: ctx.output(realm)?.env ?? {}, stateDir, upgrade: true }),
  });
  const asserts = defineTask<QuickParams, { custom: string | undefined }>({
    id: "assert", needs: [upgrade], description: "generic (converged, healthy) and custom asserts",
    run: (ctx) => runAsserts(ctx, { ...ctx.output(canonical)!, mode: "quick", realm: ctx.output(realm)?.credentials }, env),
  });
  const passCleanup = defineTask<QuickParams, boolean>({
    id: "pass-undeploy", needs: [asserts], description: "PASS: undeploy, keep the volumes (marked dirty)",
    run: async (ctx) => {
      const c = ctx.output(canonical)!;
      await c.deployer.undeploy(c.app, { signal: ctx.signal });
      await countQuickRun(stateDir, c.app.recipe, "pass");
      return true;
    },
  });
  const rollback = defineTask<QuickParams, RollbackOutcome>({
    id: "rollback", needs: [passCleanup], rule: "failure", description: "FAIL/cancel: undeploy, restore known-good, verify, mark clean",
    run: async (ctx) => {
      const c = ctx.output(canonical);
      if (!ctx.output(lock) || !c) return { rolledBack: false }; // never got the app: nothing to undo
      const restore = await restoreCanonical(c.deployer, c.app, { stateDir, signal: ctx.signal, onProgress: copyProgress(ctx), onStep: (m) => ctx.log(m) });
      if (ctx.stateOf(upgrade) === "failed" || ctx.stateOf(asserts) === "failed") await countQuickRun(stateDir, c.app.recipe, "fail");
      return { rolledBack: true, restore };
    },
  });
  const dropRealm = defineTask({
    id: "delete-realm", needs: [rollback], rule: "always", description: "delete the run's realm (always)",
    run: (ctx: TaskContext<QuickParams>) => deleteCanonicalRealm(ctx, env, ctx.output(realm)),
  });
  const unlock = unlockTask<QuickParams>("unlock", lock, [dropRealm.id]);
  return defineGraph<QuickParams>({
    id: "quick",
    description: "upgrade the canonical to a PR head, assert, roll the data back on failure",
    tasks: [lock, canonical, restoreFirst, realm, reattach, upgrade, asserts, passCleanup, rollback, dropRealm, unlock],
    concurrency: 4,
    teardownDeadlineMs: 20 * 60_000,
  });
}
