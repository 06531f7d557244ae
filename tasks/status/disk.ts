import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../../lib/config/types.ts";
import { diskUsage } from "../../lib/disk/usage.ts";
import type { DiskLevel, DiskStatus } from "./types.ts";

/**
 * Where a filesystem stands against the config's thresholds.
 *
 * @example
 * ```ts
 * diskLevel(86, { warnAtPercent: 80, pruneAtPercent: 85 }); // "prune"
 * ```
 */
export function diskLevel(percent: number, policy: Pick<Config["disk"], "warnAtPercent" | "pruneAtPercent">): DiskLevel {
  if (percent >= policy.pruneAtPercent) return "prune";
  return percent >= policy.warnAtPercent ? "warn" : "ok";
}

/** The path itself, or its nearest existing parent (statfs needs an existing path). */
function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * Usage of the filesystems holding the state dir and Docker's data root, with their level.
 * A state dir that does not exist yet is measured at its nearest parent (and not created).
 *
 * @example
 * ```ts
 * const [state, docker] = await diskStatuses(config);
 * ```
 */
export async function diskStatuses(config: Config): Promise<DiskStatus[]> {
  const roles = [["stateDir", config.stateDir], ["dockerRoot", config.dockerRoot]] as const;
  return Promise.all(roles.map(async ([role, path]) => {
    const measuredAt = nearestExisting(path);
    const [u] = await diskUsage([measuredAt]);
    return { role, path, exists: measuredAt === path, measuredAt, totalBytes: u!.totalBytes, usedBytes: u!.usedBytes, freeBytes: u!.freeBytes, percent: u!.percent, level: diskLevel(u!.percent, config.disk), warnAtPercent: config.disk.warnAtPercent, pruneAtPercent: config.disk.pruneAtPercent };
  }));
}
