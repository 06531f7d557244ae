/**
 * Parse a 5-field cron expression (or an @-macro) into the sets of values each field matches.
 * @module
 */
import { CRON_FIELDS, expandCronField } from "./cron-fields.ts";
import { expandCronMacro } from "./macros.ts";

/**
 * What a cron expression matches. `dayOfWeek` uses 0 = Sunday … 6 = Saturday (7 is folded
 * into 0). The `*Star` flags record whether the field's text began with `*`: Vixie cron (and
 * cronie) AND the two day fields when either begins with `*`, and OR them otherwise.
 *
 * @example
 * ```ts
 * const s: CronSchedule = parseCron("0 2 * * 7");
 * s.dayOfWeek; // [0]
 * ```
 */
export interface CronSchedule {
  /** Minutes 0–59. */
  minute: number[];
  /** Hours 0–23. */
  hour: number[];
  /** Days of the month 1–31. */
  dayOfMonth: number[];
  /** Months 1–12. */
  month: number[];
  /** Weekdays 0 (Sunday) – 6. */
  dayOfWeek: number[];
  /** The day-of-month text began with `*`. */
  dayOfMonthStar: boolean;
  /** The day-of-week text began with `*`. */
  dayOfWeekStar: boolean;
}

/**
 * Parse and validate a cron expression: 5 fields with lists, ranges, steps, `*`, month and
 * weekday names (case-insensitive), or an @-macro. Throws an {@linkcode InputError} under
 * `options.key` (default `schedule`) naming the field at fault.
 *
 * @example
 * ```ts
 * parseCron("0 9-17 * * MON-FRI").dayOfWeek; // [1, 2, 3, 4, 5]
 * ```
 */
export function parseCron(cron: string, options: { key?: string } = {}): CronSchedule {
  const key = options.key ?? "schedule";
  const fields = expandCronMacro(cron, { key }).split(" ");
  const [minute, hour, dayOfMonth, month, dayOfWeek] = CRON_FIELDS.map((spec, i) => expandCronField(fields[i]!, spec, { key }));
  const weekdays = [...new Set(dayOfWeek!.map((d) => d % 7))].sort((a, b) => a - b);
  return {
    minute: minute!,
    hour: hour!,
    dayOfMonth: dayOfMonth!,
    month: month!,
    dayOfWeek: weekdays,
    dayOfMonthStar: fields[2]!.startsWith("*"),
    dayOfWeekStar: fields[4]!.startsWith("*"),
  };
}
