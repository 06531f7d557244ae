import type { Config } from "../config/types.ts";
import { diskUsage } from "../disk/usage.ts";
import { appendHistory } from "./append.ts";
import { historyRecordFromResult } from "./from-result.ts";
import type { HistoryRecord } from "./schema.ts";

async function percentOf(path: string): Promise<number | undefined> {
  try {
    return (await diskUsage([path]))[0]?.percent;
  } catch {
    return undefined;
  }
}

/** Use% of the state dir's and Docker's filesystems: two statfs calls, so cheap enough per run. */
async function diskSummary(config: Config): Promise<HistoryRecord["disk"]> {
  const [stateDirPercent, dockerRootPercent] = await Promise.all([percentOf(config.stateDir), percentOf(config.dockerRoot)]);
  return { stateDirPercent, dockerRootPercent };
}

/**
 * Append a run's result to the history — the one call the CLI and the library make for every
 * result (graphs other than quick, cold, promote, sweep and reconcile are ignored). Never throws:
 * a history that cannot be written must not change the run's outcome, so the problem is returned
 * for the caller to warn about.
 *
 * @example
 * ```ts
 * const problem = await recordResult(config, { graph: "quick", exitCode: 0, verdict: "passed", recipe: "demo" });
 * if (problem) console.warn(problem);
 * ```
 */
export async function recordResult(config: Config, result: Record<string, unknown>, options: { now?: Date } = {}): Promise<string | undefined> {
  try {
    const at = options.now ?? new Date();
    if (!historyRecordFromResult(result, { at })) return undefined;
    const record = historyRecordFromResult(result, { at, disk: await diskSummary(config) })!;
    await appendHistory(config.stateDir, record, { limits: config.history, now: at });
    return undefined;
  } catch (e) {
    return `history not written: ${(e as Error).message}`;
  }
}
