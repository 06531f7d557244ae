/**
 * Types for disk usage, budget checks and pruning.
 * @module
 */
import type { Config } from "../config/types.ts";

/** One filesystem's usage as seen from a path (like `df`). */
export interface DiskUsage {
  path: string;
  totalBytes: number;
  usedBytes: number;
  /** Bytes an unprivileged writer may still use (`bavail`). */
  freeBytes: number;
  /** used / (used + free) × 100, one decimal, like `df`'s Use%. */
  percent: number;
}

/** The prune policy (config `disk`). */
export type DiskPolicy = Config["disk"];

/** What prune considered. */
export type PruneKind = "snapshot-tmp" | "stack" | "volume" | "image";

/** One considered object: removed, would be removed (dry run), kept, or failed. */
export interface PruneItem {
  kind: PruneKind;
  /** Path (snapshot-tmp), stack or volume name, or image reference. */
  name: string;
  /** Bytes it occupies (estimate for images: shared layers are counted in each). */
  bytes: number;
  reason: string;
  action: "would-remove" | "removed" | "kept" | "failed";
  error?: string | undefined;
}

/** The flat, serialisable result of `diskPrune`. */
export interface PruneReport {
  dryRun: boolean;
  /** The clock prune judged ages by (ISO 8601). */
  at: string;
  usageBefore: DiskUsage[];
  usageAfter: DiskUsage[];
  items: PruneItem[];
  totals: { removeCount: number; removeBytes: number; failedCount: number; keptCount: number };
  /** E.g. usage still above `warnAtPercent`: the caller raises an alert. */
  warnings: string[];
}

/** Options for `diskPrune`. */
export interface DiskPruneOptions {
  stateDir: string;
  /** Docker's data root (config `dockerRoot`, default `/var/lib/docker`). */
  dockerRoot?: string;
  /** Stacks never touched, nor their volumes: the canonicals' stacks and warm infra. */
  protectedStacks: readonly string[];
  /** List what would go and the bytes; change nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** The clock ages are judged by (default now). */
  now?: Date;
  /** Only consider stacks, volumes and images whose name starts with this (tests, scoped runs). */
  namePrefix?: string;
  /** `.tmp-*` snapshot dirs untouched this long count as abandoned (default 30). */
  tmpGraceMinutes?: number;
  /** How long to wait for a removed stack's containers to go (default 120 000 ms). */
  stackRemovalTimeoutMs?: number;
}
