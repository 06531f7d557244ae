/**
 * Parse a 5-field cron expression (or an @-macro) into the sets of values each field matches.
 * @module
 */
import { InputError } from "../errors.ts";
import { CRON_FIELDS, expandCronField } from "./cron-fields.ts";

/**
 * What a cron expression matches. `dayOfWeek` uses 0 = Sunday … 6 = Saturday (7 is folded
 * into 0). The `*Star` flags record whether the field's text began with `*`: Vixie cron (and
 * cronie) AND the two day fields when either begins with `*`, and OR them otherwise.
 */
export interface CronSchedule {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
  dayOfMonthStar: boolean;
  dayOfWeekStar: boolean;
}

/**
 * The @-macros cron accepts, as the 5-field expressions they stand for. `@reboot` is not a
 * calendar time and is rejected.
 *
 * @example
 * ```ts
 * CRON_MACROS["@daily"]; // "0 0 * * *"
 * ```
 */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * The 5-field form of `cron`: macros expanded, whitespace collapsed, nothing else changed.
 * Throws an {@linkcode InputError} for an unknown macro or the wrong number of fields.
 *
 * @example
 * ```ts
 * expandCronMacro("@weekly"); // "0 0 * * 0"
 * ```
 */
export function expandCronMacro(cron: string, options: { key?: string } = {}): string {
  const key = options.key ?? "schedule";
  const text = cron.trim();
  if (text.startsWith("@")) {
    const expanded = CRON_MACROS[text.toLowerCase()];
    if (expanded) return expanded;
    const why = text.toLowerCase() === "@reboot" ? "@reboot is not a calendar schedule" : `unknown macro "${text}"`;
    throw new InputError(key, `${why} (use one of ${Object.keys(CRON_MACROS).join(", ")} or 5 fields)`);
  }
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    throw new InputError(key, `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length} in "${text}"`);
  }
  return fields.join(" ");
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
