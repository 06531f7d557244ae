import type { CommandEnv } from "../../lib/cli/command.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { stackServiceLabels } from "../../lib/deploy/stack-common.ts";
import type { Deployer } from "../../lib/deploy/types.ts";
import { InfraError } from "../../lib/errors.ts";
import { runCommandOrThrow } from "../../lib/exec/command.ts";
import { type InfraApp, infraApp } from "../../lib/reconcile/infra-app.ts";
import { type LastGoodRecord, readLastGood } from "../../lib/reconcile/last-good.ts";
import { pickRelease } from "../../lib/reconcile/releases.ts";
import { listReleases } from "../../lib/release/latest.ts";
import { parseRelease, type Release } from "../../lib/release/order.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import { recoverSnapshots } from "../../lib/volumes/recover.ts";
import type { ReconcileParams } from "./params.ts";

/** What to do before the gate: deploy from nothing, nothing, bring back the last-good, or upgrade. */
export type BaseAction = "fresh" | "unchanged" | "redeploy" | "upgrade";

/** The `inspect` task's output: where the app is and where it should go. */
export interface ReconcilePlan {
  infra: InfraApp;
  deployer: Deployer;
  action: BaseAction;
  releases: Release[];
  target: Release;
  targetCommit: string;
  /** The last-good release (from the record, or adopted from a running stack's version label). */
  current: Release | undefined;
  currentCommit: string | undefined;
  lastGood: LastGoodRecord | undefined;
  deployed: boolean;
  /** The running stack was found without a record and its version label adopted. */
  adopted: boolean;
}

/** Resolve a tag or commit to the full commit hash. */
export async function commitOf(recipeDir: string, ref: string, signal?: AbortSignal): Promise<string> {
  const { stdout } = await runCommandOrThrow("git", ["-C", recipeDir, "rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`], { signal, timeoutMs: 60_000 });
  return stdout.trim();
}

/** Read the state: releases, the target, the last-good record, whether (and at what) it runs. */
export async function inspectInfra(ctx: TaskContext<ReconcileParams>, env: CommandEnv): Promise<ReconcilePlan> {
  const { config } = env;
  const { signal } = ctx;
  const infra = infraApp(ctx.params.app, config);
  for (const action of await recoverSnapshots(config.stateDir, infra.snapshotName)) ctx.log(`recovered: ${JSON.stringify(action)}`, "warn");
  const releases = await listReleases(infra.app.recipeDir, { signal, allowPrereleases: config.infra[ctx.params.app]?.allowPrereleases });
  const target = pickRelease(releases, ctx.params.version);
  const targetCommit = await commitOf(infra.app.recipeDir, `refs/tags/${target.tag}`, signal);
  const deployer = createDeployer(config, { runId: ctx.runId });
  const deployed = await deployer.isDeployed(infra.app, { signal });
  const lastGood = await readLastGood(config.stateDir, infra.app.recipe);
  let current = lastGood ? parseRelease(lastGood.version) : undefined;
  let currentCommit = lastGood?.commit;
  let adopted = false;
  if (!lastGood && deployed) {
    // A running app without a record (deployed by hand, or the record was lost): adopt the
    // version abra's label says, so the gate still compares majors and a rollback has a target.
    const label = (await stackServiceLabels(infra.app.stack, { signal }))[`coop-cloud.${infra.app.stack}.version`];
    const known = label ? releases.find((r) => r.tag === label) : undefined;
    if (!known) throw new InfraError(`${infra.app.stack} runs but has no last-good record and no known version label (${label ?? "none"}): record one by hand or undeploy it`);
    [current, currentCommit, adopted] = [known, await commitOf(infra.app.recipeDir, `refs/tags/${known.tag}`, signal), true];
    ctx.log(`no last-good record: adopting the running ${known.tag}`, "warn");
  }
  const action: BaseAction = !current ? "fresh" : current.tag !== target.tag ? "upgrade" : deployed ? "unchanged" : "redeploy";
  ctx.log(`${infra.app.domain}: last-good ${current?.tag ?? "none"}, target ${target.tag}, ${deployed ? "deployed" : "not deployed"} → ${action}`);
  return { infra, deployer, action, releases, target, targetCommit, current, currentCommit, lastGood, deployed, adopted };
}
