import type { HistoryRecord } from "../../lib/history/schema.ts";
import { readHistory } from "../../lib/history/read.ts";
import { type HistorySummary, summarizeHistory } from "../../lib/history/summary.ts";

/** Use% of the two filesystems when a run ended (from the history records). */
export interface DiskPoint {
  at: string;
  stateDirPercent?: number | undefined;
  dockerRootPercent?: number | undefined;
}

/** What the report takes from the history: the summary (with each lane's runs) and disk use over time. */
export interface ReportHistory extends HistorySummary {
  runs: number;
  disk: DiskPoint[];
  badLines: number;
}

/**
 * Read the history once, newest first: summarise the last `runs` runs per recipe and lane, and
 * keep the disk use the last `runs` × 4 records saw (for the disk-over-time chart).
 *
 * @example
 * ```ts
 * const h = await reportHistory("/var/lib/ci-warm", { runs: 100 });
 * ```
 */
export async function reportHistory(stateDir: string, options: { runs: number; signal?: AbortSignal }): Promise<ReportHistory> {
  const disk: DiskPoint[] = [];
  let badLines = 0;
  async function* tee(): AsyncGenerator<HistoryRecord> {
    for await (const r of readHistory(stateDir, { signal: options.signal, onBadLine: () => void badLines++ })) {
      if (r.disk && disk.length < options.runs * 4) disk.push({ at: r.at, ...r.disk });
      yield r;
    }
  }
  const summary = await summarizeHistory(tee(), { runs: options.runs });
  return { ...summary, runs: options.runs, disk, badLines };
}
