import { InfraError } from "../errors.ts";
import { diskUsage } from "./usage.ts";
import type { DiskUsage } from "./types.ts";

const GiB = 1024 ** 3;
const fmt = (b: number): string => (b >= GiB ? `${(b / GiB).toFixed(2)} GiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`);

/**
 * A write was refused because it would push a filesystem past its usage threshold (or past full).
 * Raised before anything is written.
 *
 * @example
 * ```ts
 * try { await checkDiskBudget(dir, bytes, { maxUsePercent: 90 }); } catch (e) { if (e instanceof DiskBudgetError) console.log(e.projectedPercent); }
 * ```
 */
export class DiskBudgetError extends InfraError {
  override name = "DiskBudgetError";
  readonly usage: DiskUsage;
  readonly bytesNeeded: number;
  readonly projectedPercent: number;
  constructor(usage: DiskUsage, bytesNeeded: number, projectedPercent: number, maxUsePercent: number) {
    const limit = bytesNeeded > usage.freeBytes ? `only ${fmt(usage.freeBytes)} free` : `the limit is ${maxUsePercent}%`;
    super(
      `not enough disk on ${usage.path}: writing ${fmt(bytesNeeded)} would take it from ${usage.percent}% to ${projectedPercent}% used, ${limit}; prune or free space first`,
    );
    this.usage = usage;
    this.bytesNeeded = bytesNeeded;
    this.projectedPercent = projectedPercent;
  }
}

/**
 * Refuse (with a {@linkcode DiskBudgetError}) a write of `bytesNeeded` to `path`'s filesystem when
 * it would not fit or would pass `maxUsePercent`. Returns the usage it judged by.
 *
 * @example
 * ```ts
 * await checkDiskBudget("/var/lib/ci-warm", 2 * 1024 ** 3, { maxUsePercent: 90 });
 * ```
 */
export async function checkDiskBudget(path: string, bytesNeeded: number, options: { maxUsePercent: number }): Promise<DiskUsage> {
  const [usage] = await diskUsage([path]);
  const u = usage!;
  const denom = u.usedBytes + u.freeBytes;
  const projected = denom ? Math.ceil(((u.usedBytes + bytesNeeded) * 1000) / denom) / 10 : 100;
  if (bytesNeeded > u.freeBytes || projected > options.maxUsePercent) throw new DiskBudgetError(u, bytesNeeded, projected, options.maxUsePercent);
  return u;
}
