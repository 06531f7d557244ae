import { existsSync } from "node:fs";
import { join } from "node:path";
import { canonicalApp } from "../../lib/canonical/app.ts";
import { alignRegistryWithKnownGood } from "../../lib/canonical/consistency.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { checkDiskBudget } from "../../lib/disk/budget.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import { MANIFEST_NAME, snapshotLayout } from "../../lib/volumes/layout.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { recoverSnapshots } from "../../lib/volumes/recover.ts";
import { decidePromotion } from "./decide.ts";
import type { LatestRelease } from "../../lib/release/latest.ts";
import type { PromoteParams } from "./params.ts";

/**
 * The gate refused the run (raised when the graph runs without the CLI's precheck, or on a race).
 *
 * @example
 * ```ts
 * throw new NotEligibleError("the cold run was red");
 * ```
 */
export class NotEligibleError extends Error {
  override name = "NotEligibleError";
}

/** What the `prepare` task hands on. */
export interface PromoteContext {
  app: AppRef;
  deployer: Deployer;
  /** The registry entry before this promotion (aligned with the known-good MANIFEST). */
  previous: CanonicalEntry | undefined;
  /** A known-good snapshot existed before this promotion (a failure restores from it). */
  hadKnownGood: boolean;
  target: LatestRelease;
  version: string | undefined;
  strategy: "rewarm" | "adopt";
  convergeMs: number;
}

/**
 * Under the app's lock: finish interrupted snapshot work, align the registry with the known-good,
 * re-run the gate (the latest release may have moved while we waited), and refuse to start when
 * a snapshot of the current known-good's size would pass the prune threshold.
 *
 * @example
 * ```ts
 * const c = await preparePromotion(ctx, env); // c.target.ref, c.previous, c.strategy
 * ```
 */
export async function preparePromotion(ctx: TaskContext<PromoteParams>, env: CommandEnv): Promise<PromoteContext> {
  const { config } = env;
  const { recipe } = ctx.params;
  for (const a of await recoverSnapshots(config.stateDir, recipe)) ctx.log(`recovered: ${JSON.stringify(a)}`, "warn");
  const { entry, repaired } = await alignRegistryWithKnownGood(config.stateDir, recipe);
  if (repaired) ctx.log("registry did not match the known-good MANIFEST (an interrupted promotion): adopted the MANIFEST's commit", "warn");
  const decision = await decidePromotion(ctx.params, config, { signal: ctx.signal });
  if (!decision.eligible) throw new NotEligibleError(decision.reason);
  const { knownGood } = snapshotLayout(config.stateDir, recipe);
  const hadKnownGood = existsSync(join(knownGood, MANIFEST_NAME));
  const estimate = hadKnownGood ? knownGoodBytes((await readManifest(knownGood)).manifest) : 0;
  const usage = await checkDiskBudget(config.stateDir, estimate, { maxUsePercent: config.disk.pruneAtPercent });
  ctx.log(`disk ${usage.percent}% used; a snapshot of ~${estimate} bytes stays under ${config.disk.pruneAtPercent}%`);
  const enrolled = config.recipes[recipe]!;
  const app = canonicalApp(recipe, config);
  ctx.log(`promoting ${app.domain} to ${decision.target.ref} (${decision.target.commit.slice(0, 12)}) by ${enrolled.strategy}; previous known-good ${entry ? entry.knownGoodCommit.slice(0, 12) : "none (first green cold seeds it)"}`);
  return {
    app,
    deployer: createDeployer(config, { runId: ctx.runId }),
    previous: entry,
    hadKnownGood,
    target: decision.target,
    version: decision.version,
    strategy: enrolled.strategy,
    convergeMs: enrolled.convergeTimeoutMinutes * 60_000,
  };
}

function knownGoodBytes(manifest: { volumes: { entries: { size: number }[] }[] }): number {
  return manifest.volumes.reduce((n, v) => n + v.entries.reduce((m, e) => m + e.size + 300, 0), 0);
}
