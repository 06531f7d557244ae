/**
 * Run history: every quick, cold, promote, sweep and reconcile result as one JSON line under
 * `<stateDir>/history/`, rotated and pruned by size and age, read back newest first through a
 * schema, and summarised (medians per lane, last verdicts, lane disagreements).
 * @module
 */
export { appendHistory } from "./append.ts";
export type { AppendOutcome } from "./append.ts";
export { HISTORY_GRAPHS, historyLine, historyRecordFromResult, MAX_RECORD_BYTES } from "./from-result.ts";
export { historyLayout, rotatedSegments } from "./layout.ts";
export { laneRuns, median } from "./lanes.ts";
export type { LaneRun, LaneVerdict } from "./lanes.ts";
export { laneDisagreements } from "./disagreements.ts";
export type { LaneDisagreement } from "./disagreements.ts";
export { readHistory } from "./read.ts";
export type { BadHistoryLine, ReadHistoryOptions } from "./read.ts";
export { recordResult } from "./record-result.ts";
export { pruneHistory, rotateActiveSegment } from "./rotate.ts";
export type { HistoryLimits } from "./rotate.ts";
export { historyRecordSchema, historySweepRowSchema } from "./schema.ts";
export type { HistoryRecord, HistorySweepRow } from "./schema.ts";
export { summarizeHistory } from "./summary.ts";
export type { HistorySummary, LaneStats, RecipeHistory } from "./summary.ts";
