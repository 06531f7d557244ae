/**
 * The sweep's results file (`<stateDir>/sweeps/<timestamp>.json` and `latest.json`, for
 * `cc-warm status`) and its human table.
 * @module
 */
import { mkdir } from "node:fs/promises";
import { writeFileAtomic } from "../../lib/fs/atomic.ts";
import { join } from "node:path";
import type { ExitCodeValue } from "../../lib/cli/exit-codes.ts";
import type { ReconcileRecord } from "./reconcile.ts";

/** One recipe's line in the sweep results. */
export interface SweepRow {
  recipe: string;
  /** The ref the cold run tested (the latest release), when resolved. */
  ref: string | null;
  commit: string | null;
  /** green/red: the cold command's verdict; error: it could not run or timed out; not-run: over MAX_TESTS, or unchanged (see why). */
  verdict: "green" | "red" | "error" | "not-run";
  coldExitCode: number | null;
  durationMs: number;
  /** promoted: the known-good moved; not-eligible: red, or the gate refused; failed: the promotion failed (known-good kept); not-run. */
  promotion: "promoted" | "not-eligible" | "failed" | "not-run";
  reason: string | null;
  /** Why the sweep tested it or skipped it (latest differs, no canonical, re-verify, unchanged). */
  why?: string | null | undefined;
  /** The canonical's known-good commit after this sweep (when promoted). */
  canonical: string | null;
}

/** The whole results file. */
export interface SweepResults {
  format: 1;
  sweepId: string;
  status: "completed" | "cancelled";
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  maxTests: number;
  reconcile: ReconcileRecord[];
  recipes: SweepRow[];
  counts: { run: number; green: number; red: number; error: number; promoted: number; promotionFailed: number; notRun: number };
  exitCode: ExitCodeValue;
}

/**
 * Count the rows for the results' `counts`.
 *
 * @example
 * ```ts
 * countRows(rows).promoted;
 * ```
 */
export function countRows(rows: readonly SweepRow[]): SweepResults["counts"] {
  const n = (f: (r: SweepRow) => boolean) => rows.filter(f).length;
  return {
    run: n((r) => r.verdict !== "not-run"), green: n((r) => r.verdict === "green"), red: n((r) => r.verdict === "red"),
    error: n((r) => r.verdict === "error"), promoted: n((r) => r.promotion === "promoted"),
    promotionFailed: n((r) => r.promotion === "failed"), notRun: n((r) => r.verdict === "not-run"),
  };
}

/**
 * Write the results atomically as `<stateDir>/sweeps/<startedAt>.json` and `latest.json`
 * (temp file + rename: a reader never sees half a file). Returns the timestamped path.
 *
 * @example
 * ```ts
 * const path = await writeSweepResults("/var/lib/ci-warm", results);
 * ```
 */
export async function writeSweepResults(stateDir: string, results: SweepResults): Promise<string> {
  const dir = join(stateDir, "sweeps");
  await mkdir(dir, { recursive: true });
  const text = JSON.stringify(results, null, 2) + "\n";
  const path = join(dir, `${results.startedAt.replace(/:/g, "-")}.json`);
  // Through the one atomic writer: fsynced, a unique temp name, the directory fsynced after the rename.
  for (const target of [path, join(dir, "latest.json")]) await writeFileAtomic(target, text);
  return path;
}

const PROMOTION_WORDS: Record<SweepRow["promotion"], string> = { "promoted": "promoted", "not-eligible": "not eligible", "failed": "promotion failed", "not-run": "not run" };

/**
 * The human table: recipe, verdict, duration, promotion (with the reason).
 *
 * @example
 * ```ts
 * process.stderr.write(formatSweepTable(results.recipes));
 * ```
 */
export function formatSweepTable(rows: readonly SweepRow[]): string {
  const lines = [["RECIPE", "VERDICT", "DURATION", "PROMOTION"]];
  for (const r of rows) {
    const promo = PROMOTION_WORDS[r.promotion] + (r.reason && r.promotion !== "promoted" ? ` (${r.reason.replace(/\s+/g, " ").slice(0, 160)})` : "");
    lines.push([r.recipe, r.verdict, r.verdict === "not-run" ? "-" : `${(r.durationMs / 1000).toFixed(1)}s`, promo]);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join("  ")).join("\n") + "\n";
}
