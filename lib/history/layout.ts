import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Name of the segment being appended to. */
export const ACTIVE_SEGMENT = "current.jsonl";
/** Rotated segments: `<UTC time of rotation, sortable>-<random>.jsonl`. */
const ROTATED = /^\d{8}T\d{6}\d{3}Z-[0-9a-f]{8}\.jsonl$/;

/**
 * Where the history of a state dir lives.
 *
 * @example
 * ```ts
 * historyLayout("/var/lib/ci-warm").active; // "/var/lib/ci-warm/history/current.jsonl"
 * ```
 */
export function historyLayout(stateDir: string): { dir: string; active: string } {
  const dir = join(stateDir, "history");
  return { dir, active: join(dir, ACTIVE_SEGMENT) };
}

/**
 * The name a segment gets when it is rotated out at `at` (sorts by time).
 *
 * @example
 * ```ts
 * rotatedSegmentName(new Date("2026-01-02T03:04:05.678Z"), "0a1b2c3d"); // "20260102T030405678Z-0a1b2c3d.jsonl"
 * ```
 */
export function rotatedSegmentName(at: Date, random: string): string {
  return `${at.toISOString().replace(/[-:.]/g, "")}-${random}.jsonl`;
}

/**
 * Rotated segments' paths, newest first (an absent history dir has none).
 *
 * @example
 * ```ts
 * const older = await rotatedSegments("/var/lib/ci-warm");
 * ```
 */
export async function rotatedSegments(stateDir: string): Promise<string[]> {
  const { dir } = historyLayout(stateDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return names.filter((n) => ROTATED.test(n)).sort().reverse().map((n) => join(dir, n));
}
