import type { HistoryRecord, HistorySweepRow } from "./schema.ts";

/** The graphs whose results are kept in the history. */
export const HISTORY_GRAPHS: readonly string[] = ["quick", "cold", "promote", "sweep", "reconcile"];

/** Longest line appended (bytes, newline included): one write(2) no larger than PIPE_BUF. */
export const MAX_RECORD_BYTES = 4096;

type Flat = Record<string, unknown>;
const str = (v: unknown, max: number): string | undefined => (typeof v === "string" ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : undefined);
const strOrNull = (v: unknown, max: number): string | null | undefined => (v === null ? null : str(v, max));
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const obj = (v: unknown): Flat | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Flat) : undefined);

function sweepRows(results: Flat | undefined): HistorySweepRow[] | undefined {
  const rows = Array.isArray(results?.recipes) ? (results.recipes as unknown[]).map(obj).filter((r): r is Flat => !!r) : undefined;
  return rows?.filter((r) => r.verdict !== "not-run").map((r) => ({
    recipe: str(r.recipe, 100) ?? "?", verdict: str(r.verdict, 40) ?? "?", ref: strOrNull(r.ref, 300),
    commit: strOrNull(r.commit, 100), durationMs: num(r.durationMs), promotion: str(r.promotion, 40),
  }));
}

/**
 * The history record of a result object (the flat object the CLI prints last with `--json`), or
 * undefined for graphs that are not kept. Fields are picked one by one; long text is cut; the
 * record is shrunk (timings, then sweep rows dropped, `truncated` set) until its line fits in
 * {@linkcode MAX_RECORD_BYTES}.
 *
 * @example
 * ```ts
 * historyRecordFromResult({ graph: "quick", exitCode: 0, verdict: "passed", recipe: "demo" }, { at: new Date() });
 * ```
 */
export function historyRecordFromResult(result: Flat, options: { at: Date; disk?: HistoryRecord["disk"] }): HistoryRecord | undefined {
  const graph = str(result.graph, 40);
  if (!graph || !HISTORY_GRAPHS.includes(graph)) return undefined;
  const target = obj(result.target);
  const sweep = obj(result.results);
  const record: HistoryRecord = {
    v: 1,
    at: options.at.toISOString(),
    graph,
    mode: str(result.mode, 40) ?? (graph === "sweep" ? "cold" : undefined),
    verdict: str(result.verdict, 40) ?? "unknown",
    exitCode: Number.isInteger(result.exitCode) ? (result.exitCode as number) : 3,
    recipe: str(result.recipe ?? result.app, 100),
    ref: strOrNull(result.ref ?? result.to, 300),
    commit: strOrNull(result.upgradedCommit ?? result.commit ?? target?.commit, 100),
    canonical: strOrNull(result.canonical ?? result.lastGood, 100),
    runId: str(result.runId, 100),
    durationMs: num(result.durationMs),
    timings: obj(result.timings) && Object.fromEntries(Object.entries(obj(result.timings)!).filter(([k, v]) => k.length <= 80 && num(v) !== undefined).slice(0, 40)) as Record<string, number>,
    rolledBack: bool(result.rolledBack),
    fallback: bool(result.fallback),
    promotion: str(result.promotion, 40),
    reason: str(result.reason, 400),
    disk: options.disk,
    rows: sweepRows(sweep),
  };
  const clean = JSON.parse(JSON.stringify(record)) as HistoryRecord;
  for (const drop of ["timings", "rows", "reason"] as const) {
    if (historyLine(clean).length <= MAX_RECORD_BYTES) break;
    delete clean[drop];
    clean.truncated = true;
  }
  return clean;
}

/**
 * The record as it is written: one line of JSON, newline-terminated, as bytes.
 *
 * @example
 * ```ts
 * historyLine(record).length <= MAX_RECORD_BYTES;
 * ```
 */
export function historyLine(record: HistoryRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(record) + "\n");
}
