/**
 * The shape of `cc-warm status` (the JSON under `status` in the result object, and what the
 * human table is drawn from).
 * @module
 */
import type { LockHolder } from "../../lib/lock/types.ts";

/** One enrolled recipe (or a registry entry no longer enrolled). */
export interface RecipeStatus {
  recipe: string;
  /** Listed in the config's `recipes`. */
  enrolled: boolean;
  /** Has a canonical in the registry (a green cold run seeded it). */
  canonical: boolean;
  knownGoodCommit?: string | undefined;
  version?: string | undefined;
  promotedAt?: string | undefined;
  /** Seconds since `promotedAt`. */
  ageSeconds?: number | undefined;
  /** Bytes of the known-good snapshot (sum of the MANIFEST's file sizes; `du` if unreadable). */
  knownGoodBytes?: number | undefined;
  /** Where `knownGoodBytes` came from. */
  sizeFrom?: "manifest" | "du" | undefined;
  dirty?: boolean | undefined;
  dirtySince?: string | undefined;
  /** Quick runs since the promotion. */
  quickRuns?: number | undefined;
  lastQuickAt?: string | undefined;
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
  path: string;
  /** False when the path does not exist yet (usage is then of its nearest existing parent). */
  exists: boolean;
  /** The path statfs was called on. */
  measuredAt: string;
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
  percent: number;
  level: DiskLevel;
  /** The thresholds `level` was judged by (config `disk`). */
  warnAtPercent: number;
  pruneAtPercent: number;
}

/** One lock: who holds it, who waits. */
export interface LockStatusRow {
  name: string;
  holder: Pick<LockHolder, "pid" | "host" | "since" | "purpose"> | undefined;
  waiters: Pick<LockHolder, "pid" | "host" | "since" | "purpose">[];
  deadTickets: number;
}

/** An unacknowledged alert. */
export interface AlertStatusRow {
  id: string;
  time: string;
  what: string;
  why: string;
  app?: string | undefined;
}

/** The sweep: schedule and the last results. */
export interface SweepStatus {
  schedule: string;
  /** The schedule in words, e.g. "At 02:00". */
  description: string;
  /** The systemd OnCalendar (config `sweep.onCalendar`, else derived). */
  onCalendar: string;
  maxTests: number;
  /** `<stateDir>/sweeps/latest.json`, if present. */
  last: LastSweep | undefined;
}

/** The last sweep as read from `<stateDir>/sweeps/latest.json` (kept generic). */
export interface LastSweep {
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
  at: string;
  stateDir: string;
  recipes?: RecipeStatus[] | undefined;
  disk?: DiskStatus[] | undefined;
  locks?: LockStatusRow[] | undefined;
  alerts?: AlertStatusRow[] | undefined;
  sweep?: SweepStatus | undefined;
  /** Things that want a human's eye (one line each). */
  attention: string[];
}
