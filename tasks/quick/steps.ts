import { canonicalApp } from "../../lib/canonical/app.ts";
import { markDirty, recordQuickRun } from "../../lib/canonical/registry.ts";
import { alignRegistryWithKnownGood } from "../../lib/canonical/consistency.ts";
import { restoreCanonical } from "../../lib/canonical/restore.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { InfraError } from "../../lib/errors.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import { recoverSnapshots } from "../../lib/volumes/recover.ts";
import type { ProgressFn } from "../../lib/volumes/types.ts";
import { type DeployStepOutcome, deployAndWait } from "../shared/deploy.ts";
import type { QuickParams } from "./params.ts";

/** What the `canonical` task hands on: the registry entry, the app and its deployer. */
export interface CanonicalContext {
  entry: CanonicalEntry;
  app: AppRef;
  deployer: Deployer;
  convergeMs: number;
}

/**
 * Read the canonical under the lock (it may have been promoted while we waited), and finish or
 * undo any interrupted snapshot swap first.
 */
export async function loadCanonical(ctx: TaskContext<QuickParams>, env: CommandEnv): Promise<CanonicalContext> {
  const { recipe } = ctx.params;
  const { config } = env;
  for (const action of await recoverSnapshots(config.stateDir, recipe)) ctx.log(`recovered: ${JSON.stringify(action)}`, "warn");
  const { entry, repaired } = await alignRegistryWithKnownGood(config.stateDir, recipe);
  if (repaired) ctx.log(`registry did not match the known-good MANIFEST (an interrupted promotion): adopted the MANIFEST's commit`, "warn");
  if (!entry) throw new InfraError(`${recipe} has no canonical any more (it existed when the run started)`);
  const app = canonicalApp(recipe, config);
  const minutes = ctx.params.timeout ?? config.recipes[recipe]?.convergeTimeoutMinutes ?? 10;
  ctx.log(`canonical ${app.domain} at ${entry.knownGoodCommit.slice(0, 12)}${entry.dirty ? " (dirty: will restore first)" : ""}`);
  return { entry, app, deployer: createDeployer(config, { runId: ctx.runId }), convergeMs: minutes * 60_000 };
}

/** Progress events for long copies. */
export function copyProgress(ctx: TaskContext<QuickParams>): ProgressFn {
  return (bytesDone, bytesTotal, _f, _t, phase) => ctx.progress(bytesDone, bytesTotal, "bytes", phase);
}

/** Every quick run starts from the known-good: restore first when a previous run touched the data. */
export async function restoreIfDirty(ctx: TaskContext<QuickParams>, c: CanonicalContext, stateDir: string): Promise<boolean> {
  const deployed = await c.deployer.isDeployed(c.app, { signal: ctx.signal });
  if (!c.entry.dirty && !deployed) return false;
  await restoreCanonical(c.deployer, c.app, { stateDir, signal: ctx.signal, onProgress: copyProgress(ctx), onStep: (m) => ctx.log(m) });
  return true;
}

/**
 * Deploy (or, with `upgrade`, upgrade as an operator would, the canonical's env file untouched)
 * at `ref` and wait until converged and healthy. Marks the canonical dirty first.
 */
export async function deployAndConverge(ctx: TaskContext<QuickParams>, c: CanonicalContext, ref: string, options: { env: Record<string, string>; stateDir: string; upgrade?: boolean }): Promise<DeployStepOutcome> {
  // Dirty before the first write: a crash from here on leaves a flag that makes the next run restore.
  await markDirty(options.stateDir, c.app.recipe);
  return deployAndWait(ctx, c, ref, { env: options.env, upgrade: options.upgrade, persistEnv: false, paramMinutes: ctx.params.timeout });
}

/** Record the run in the registry (quick-run count, last verdict). */
export function countQuickRun(stateDir: string, recipe: string, verdict: "pass" | "fail"): Promise<unknown> {
  return recordQuickRun(stateDir, recipe, { verdict });
}
