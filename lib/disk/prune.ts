import { stat } from "node:fs/promises";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";
import { executePrune } from "./execute.ts";
import { findSnapshotGarbage } from "./garbage.ts";
import { readDockerInventory } from "./inventory.ts";
import { planStacksAndVolumes } from "./plan-docker.ts";
import { bytesToTarget, planImages } from "./plan-all.ts";
import { diskUsage, pathSize } from "./usage.ts";
import type { DiskPolicy, DiskPruneOptions, PruneItem, PruneReport } from "./types.ts";

/**
 * Free disk without touching warm data. Removes abandoned snapshot temp dirs
 * (`<stateDir>/<recipe>/.tmp-*`), cold-run leftover stacks and their volumes (unprotected, older than
 * `coldGraceHours`, unused), dangling volumes past the grace age, and unused images beyond
 * `imageBudgetGiB` (oldest first; more when Docker's disk is at `pruneAtPercent`, down to
 * `pruneDownToPercent`). Never: known-good snapshots, protected stacks' volumes, registry.json,
 * locks, alerts. `dryRun` lists the same items as `would-remove` and changes nothing.
 *
 * @example
 * ```ts
 * const report = await diskPrune(config.disk, { stateDir: config.stateDir, dockerRoot: config.dockerRoot, protectedStacks: ["warm-demo_ci_local"], dryRun: true });
 * console.log(report.totals.removeBytes);
 * ```
 */
export async function diskPrune(policy: DiskPolicy, options: DiskPruneOptions): Promise<PruneReport> {
  const stateDir = parseInput("stateDir", absolutePathSchema, options.stateDir);
  const dockerRoot = parseInput("dockerRoot", absolutePathSchema, options.dockerRoot ?? "/var/lib/docker");
  const { signal, namePrefix } = options;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const graceMs = policy.coldGraceHours * 3_600_000;
  const paths = [dockerRoot, stateDir];
  const usageBefore = await diskUsage(paths);
  const items: PruneItem[] = await findSnapshotGarbage(stateDir, { nowMs, graceMs: (options.tmpGraceMinutes ?? 30) * 60_000, signal });
  const inv = await readDockerInventory({ signal });
  const { items: dockerItems, removedStacks } = planStacksAndVolumes({ inv, protectedStacks: options.protectedStacks, nowMs, graceMs, namePrefix });
  for (const item of dockerItems.filter((i) => i.kind === "volume" && i.action === "would-remove")) {
    const mp = inv.volumes.find((v) => v.name === item.name)?.mountpoint;
    item.bytes = mp ? (await pathSize(mp, { signal }).catch(() => ({ bytes: 0 }))).bytes : 0;
  }
  items.push(...dockerItems);
  const sameFs = await Promise.all(paths.map((p) => stat(p).then((s) => s.dev))).then(([a, b]) => a === b, () => false);
  const freeing = items.filter((i) => i.action === "would-remove" && (i.kind === "volume" || (sameFs && i.kind === "snapshot-tmp"))).reduce((s, i) => s + i.bytes, 0);
  const needBytes = bytesToTarget(usageBefore[0]!, policy, freeing);
  items.push(...planImages({ inv, removedStacks, budgetGiB: policy.imageBudgetGiB, needBytes, namePrefix }));
  if (!options.dryRun) await executePrune(items, { stateDir, inv, signal, stackRemovalTimeoutMs: options.stackRemovalTimeoutMs ?? 120_000 });
  const usageAfter = options.dryRun ? usageBefore : await diskUsage(paths);
  const removing = items.filter((i) => i.action === (options.dryRun ? "would-remove" : "removed"));
  const warnings = usageAfter.filter((u) => u.percent >= policy.warnAtPercent).map((u) => `${u.path} is ${u.percent}% used (warn at ${policy.warnAtPercent}%)`);
  const failed = items.filter((i) => i.action === "failed");
  if (failed.length) warnings.push(`${failed.length} item(s) could not be removed`);
  return {
    dryRun: Boolean(options.dryRun),
    at: now.toISOString(),
    usageBefore,
    usageAfter,
    items,
    totals: {
      removeCount: removing.length,
      removeBytes: removing.reduce((s, i) => s + i.bytes, 0),
      failedCount: failed.length,
      keptCount: items.filter((i) => i.action === "kept").length,
    },
    warnings,
  };
}
