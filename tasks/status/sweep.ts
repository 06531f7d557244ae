import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../../lib/config/types.ts";
import { describeSchedule } from "../../lib/schedule/describe.ts";
import { cronToOnCalendar } from "../../lib/schedule/on-calendar.ts";
import type { LastSweep, SweepStatus } from "./types.ts";

type Scalar = string | number | boolean | null;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const scalars = (o: Record<string, unknown>): Record<string, Scalar> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v)).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 300) : v as Scalar]));
const str = (v: unknown): string | undefined => (typeof v === "string" ? v.slice(0, 100) : undefined);

/**
 * Read a sweep summary without assuming more than this: an object with a time (`finishedAt`,
 * `endedAt`, `at` or `startedAt`), maybe a `verdict`/`status`, and per-recipe rows under `rows`,
 * `results`, `recipes` or `items` (an array of objects, or an object keyed by recipe). Each row
 * keeps its scalar fields.
 *
 * @example
 * ```ts
 * readLastSweepJson({ finishedAt: "2025-01-01T02:10:00Z", results: [{ recipe: "demo", verdict: "passed" }] }, "latest.json");
 * ```
 */
export function readLastSweepJson(raw: unknown, file: string): LastSweep {
  if (!isRecord(raw)) return { file, rows: [], problem: "not a JSON object" };
  const list = ["rows", "results", "recipes", "items"].map((k) => raw[k]).find((v) => Array.isArray(v) || isRecord(v));
  const rows = Array.isArray(list)
    ? list.filter(isRecord).map(scalars)
    : isRecord(list)
    ? Object.entries(list).map(([recipe, v]) => ({ recipe, ...(isRecord(v) ? scalars(v) : { result: scalars({ v }).v ?? null }) }))
    : [];
  return { file, at: str(raw.finishedAt ?? raw.endedAt ?? raw.at ?? raw.startedAt), verdict: str(raw.verdict ?? raw.status), rows };
}

/** The OnCalendar for a cron, or why there is none (cron's day OR-semantics has no equivalent). */
function calendarOf(schedule: string): string {
  try {
    return cronToOnCalendar(schedule, { key: "sweep.schedule" });
  } catch (e) {
    return `(none: ${(e as Error).message})`;
  }
}

/**
 * The sweep's schedule (cron, in words, OnCalendar) and the last sweep's results from
 * `<stateDir>/sweeps/latest.json` (absent → `last` undefined; unreadable → `last.problem`).
 *
 * @example
 * ```ts
 * const s = await sweepStatus(config); // { schedule: "0 2 * * *", description: "At 02:00", … }
 * ```
 */
export async function sweepStatus(config: Config): Promise<SweepStatus> {
  const { schedule, onCalendar, maxTests } = config.sweep;
  const base = {
    schedule,
    description: describeSchedule(schedule, { key: "sweep.schedule" }),
    onCalendar: onCalendar ?? calendarOf(schedule),
    maxTests,
  };
  const file = join(config.stateDir, "sweeps", "latest.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ...base, last: code === "ENOENT" || code === "ENOTDIR" ? undefined : { file, rows: [], problem: `cannot read (${code ?? e})` } };
  }
  try {
    return { ...base, last: readLastSweepJson(JSON.parse(text), file) };
  } catch (e) {
    return { ...base, last: { file, rows: [], problem: `not valid JSON (${(e as Error).message})` } };
  }
}
