/**
 * The shape of `cc-warm status` (the JSON under `report` in the result object, and what the
 * human table is drawn from).
 * @module
 */
import type { LaneDisagreement } from "../../lib/history/disagreements.ts";
import type { LockHolder } from "../../lib/lock/types.ts";

/** One enrolled recipe (or a registry entry no longer enrolled). */
export interface RecipeStatus {
  /** The recipe name. */
  recipe: string;
  /** Listed in the config's `recipes`. */
  enrolled: boolean;
  /** Has a canonical in the registry (a green cold run seeded it). */
  canonical: boolean;
  /** The recipe commit of the known-good snapshot. */
  knownGoodCommit?: string | undefined;
  /** The release (tag) at that commit, when known. */
  version?: string | undefined;
  /** ISO time of the promotion that set the known-good. */
  promotedAt?: string | undefined;
  /** Seconds since `promotedAt`. */
  ageSeconds?: number | undefined;
  /** Bytes of the known-good snapshot (sum of the MANIFEST's file sizes; `du` if unreadable). */
  knownGoodBytes?: number | undefined;
  /** Where `knownGoodBytes` came from. */
  sizeFrom?: "manifest" | "du" | undefined;
  /** The canonical's volumes may differ from known-good (the next quick run restores first). */
  dirty?: boolean | undefined;
  /** ISO time the volumes became dirty. */
  dirtySince?: string | undefined;
  /** Quick runs since the promotion. */
  quickRuns?: number | undefined;
  /** ISO time of the last quick run. */
  lastQuickAt?: string | undefined;
  /** The last quick run's verdict. */
  lastQuickVerdict?: "pass" | "fail" | undefined;
  /** e.g. the known-good MANIFEST is missing or unreadable. */
  problem?: string | undefined;
}

/** Threshold level of one filesystem against config `disk`. */
export type DiskLevel = "ok" | "warn" | "prune";

/** Usage of the filesystem holding one path. */
export interface DiskStatus {
  /** `stateDir` or `dockerRoot`. */
  role: "stateDir" | "dockerRoot";
  /** The configured path. */
  path: string;
  /** False when the path does not exist yet (usage is then of its nearest existing parent). */
  exists: boolean;
  /** The path statfs was called on. */
  measuredAt: string;
  /** Size of the filesystem. */
  totalBytes: number;
  /** Bytes in use. */
  usedBytes: number;
  /** Bytes still available to unprivileged writers. */
  freeBytes: number;
  /** used / (used + free) × 100, like df's Use%. */
  percent: number;
  /** Where `percent` stands against the thresholds. */
  level: DiskLevel;
  /** The thresholds `level` was judged by (config `disk`). */
  warnAtPercent: number;
  /** The prune threshold `level` was judged by. */
  pruneAtPercent: number;
}

/** One lock: who holds it, who waits. */
export interface LockStatusRow {
  /** The lock's name (a recipe, `prune`, or `host`). */
  name: string;
  /** The live holder, if any. */
  holder: Pick<LockHolder, "pid" | "host" | "since" | "purpose"> | undefined;
  /** Live waiters in queue order. */
  waiters: Pick<LockHolder, "pid" | "host" | "since" | "purpose">[];
  /** Tickets of processes that are gone. */
  deadTickets: number;
}

/** An unacknowledged alert. */
export interface AlertStatusRow {
  /** The alert id (`<UTC time>-<hex>`). */
  id: string;
  /** When it was raised (ISO 8601). */
  time: string;
  /** Short summary. */
  what: string;
  /** The reason. */
  why: string;
  /** The app concerned, if any. */
  app?: string | undefined;
}

/** The sweep: schedule and the last results. */
export interface SweepStatus {
  /** The cron expression (config `sweep.schedule`). */
  schedule: string;
  /** The schedule in words, e.g. "At 02:00". */
  description: string;
  /** The systemd OnCalendar (config `sweep.onCalendar`, else derived). */
  onCalendar: string;
  /** At most this many cold tests per sweep (MAX_TESTS). */
  maxTests: number;
  /** `<stateDir>/sweeps/latest.json`, if present. */
  last: LastSweep | undefined;
}

/** The last sweep as read from `<stateDir>/sweeps/latest.json` (kept generic). */
export interface LastSweep {
  /** The file read. */
  file: string;
  /** When it finished (or started), if the file says. */
  at?: string | undefined;
  /** An overall verdict/status field, if the file has one. */
  verdict?: string | undefined;
  /** Per-recipe rows: `recipe` plus the row's scalar fields. */
  rows: Record<string, string | number | boolean | null>[];
  /** Set when the file exists but cannot be read. */
  problem?: string | undefined;
}

/** Everything `cc-warm status` reports. Sections that could not be read are absent. */
export interface StatusReport {
  /** When the report was taken (ISO 8601). */
  at: string;
  /** The state dir reported on. */
  stateDir: string;
  /** Per recipe; absent when the registry could not be read. */
  recipes?: RecipeStatus[] | undefined;
  /** The state dir's and Docker's filesystems. */
  disk?: DiskStatus[] | undefined;
  /** Locks held or waited for. */
  locks?: LockStatusRow[] | undefined;
  /** Unacknowledged alerts. */
  alerts?: AlertStatusRow[] | undefined;
  /** The sweep's schedule and last results. */
  sweep?: SweepStatus | undefined;
  /** Medians, last verdicts and lane disagreements from the run history. */
  history?: HistoryStatus | undefined;
  /** Things that want a human's eye (one line each). */
  attention: string[];
}

/** One lane of one recipe in the history section: counts and the median over the last N runs. */
export interface LaneSummary {
  /** Runs counted (at most N). */
  runs: number;
  pass: number;
  fail: number;
  /** Median duration of the runs that passed or failed (ms). */
  medianMs?: number | undefined;
}

/** One recipe's history: quick vs cold, the last verdicts, and lane disagreements. */
export interface RecipeHistoryStatus {
  recipe: string;
  quick: LaneSummary;
  cold: LaneSummary;
  /** The last verdicts of either lane, newest first. */
  last: { at: string; lane: "quick" | "cold"; verdict: string; ref?: string | null | undefined; source: string }[];
  disagreements: LaneDisagreement[];
}

/** What `<stateDir>/history/` says, summarised. */
export interface HistoryStatus {
  /** N: runs per recipe and lane summarised (config `history.runs` or `runs=`). */
  runs: number;
  /** Records read. */
  records: number;
  /** Lines that failed the schema (skipped) and the first few problems. */
  badLines: number;
  badLineExamples: string[];
  recipes: RecipeHistoryStatus[];
}
