/**
 * One line of `<stateDir>/history/*.jsonl`: what a quick, cold, promote, sweep or reconcile run
 * ended with. Fields are picked one by one from the result object (never copied wholesale), so a
 * record holds nothing a result does not already show, and never a secret.
 * @module
 */
import { z } from "zod";

/** One recipe a sweep cold-tested (the sweep's own row, compacted). */
export interface HistorySweepRow {
  recipe: string;
  /** green / red / error (rows that did not run are left out). */
  verdict: string;
  ref?: string | null | undefined;
  commit?: string | null | undefined;
  durationMs?: number | undefined;
  /** promoted / not-eligible / failed. */
  promotion?: string | undefined;
}

/** One history record. */
export interface HistoryRecord {
  /** Record format version. */
  v: 1;
  /** When the run ended (ISO 8601). */
  at: string;
  /** The graph that ran: quick, cold, promote, sweep or reconcile. */
  graph: string;
  /** The lane: quick or cold (promote: the mode it was told), reconcile. */
  mode?: string | undefined;
  /** The verdict as the result gave it (passed, failed, fallback, error, green, …). */
  verdict: string;
  /** The CLI exit code of the run. */
  exitCode: number;
  /** The recipe (reconcile: the infra app). */
  recipe?: string | undefined;
  ref?: string | null | undefined;
  /** The recipe commit the run tested (quick: the PR head it upgraded to; cold: the one deployed). */
  commit?: string | null | undefined;
  /** The canonical's known-good commit the run started from or produced. */
  canonical?: string | null | undefined;
  runId?: string | undefined;
  durationMs?: number | undefined;
  /** Per-task durations (ms) of the run, by task id. */
  timings?: Record<string, number> | undefined;
  rolledBack?: boolean | undefined;
  fallback?: boolean | undefined;
  /** promote: promoted / not-eligible / failed. */
  promotion?: string | undefined;
  /** Why it failed or was refused (cut short). */
  reason?: string | undefined;
  /** Use% of the state dir's and Docker's filesystems when the run ended. */
  disk?: { stateDirPercent?: number | undefined; dockerRootPercent?: number | undefined } | undefined;
  /** sweep: the recipes it cold-tested. */
  rows?: HistorySweepRow[] | undefined;
  /** Fields were dropped to keep the line under the size limit. */
  truncated?: boolean | undefined;
}

const text = (max: number) => z.string().max(max);
const opt = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** Schema of a sweep row in a record. */
export const historySweepRowSchema: z.ZodType<HistorySweepRow> = z.object({
  recipe: text(100),
  verdict: text(40),
  ref: opt(text(300)),
  commit: opt(text(100)),
  durationMs: z.number().nonnegative().optional(),
  promotion: text(40).optional(),
});

/** Schema of one history line; every line read back goes through it. */
export const historyRecordSchema: z.ZodType<HistoryRecord> = z.object({
  v: z.literal(1),
  at: z.iso.datetime(),
  graph: text(40),
  mode: text(40).optional(),
  verdict: text(40),
  exitCode: z.number().int().min(0).max(255),
  recipe: text(100).optional(),
  ref: opt(text(300)),
  commit: opt(text(100)),
  canonical: opt(text(100)),
  runId: text(100).optional(),
  durationMs: z.number().nonnegative().optional(),
  timings: z.record(z.string().max(80), z.number().nonnegative()).optional(),
  rolledBack: z.boolean().optional(),
  fallback: z.boolean().optional(),
  promotion: text(40).optional(),
  reason: text(400).optional(),
  disk: z.object({ stateDirPercent: z.number().min(0).max(100).optional(), dockerRootPercent: z.number().min(0).max(100).optional() }).optional(),
  rows: z.array(historySweepRowSchema).optional(),
  truncated: z.boolean().optional(),
});
