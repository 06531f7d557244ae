/**
 * Cron → systemd `OnCalendar`, refusing what systemd cannot express with the same meaning.
 * @module
 */
import { InputError } from "../errors.ts";
import { CRON_FIELDS } from "./cron-fields.ts";
import { parseCron } from "./parse-cron.ts";
import { renderCalendarValues, renderWeekdays } from "./render.ts";

/**
 * Options for {@linkcode cronToOnCalendar}.
 *
 * @example
 * ```ts
 * cronToOnCalendar("0 2 * * *", { key: "sweep.schedule" });
 * ```
 */
export interface CronToOnCalendarOptions {
  /** The name used in error messages (default `schedule`), e.g. `sweep.schedule`. */
  key?: string;
}

/**
 * Convert a 5-field cron expression (lists, ranges, steps, `*`, MON/JAN names, @daily,
 * @hourly, @weekly, @monthly, @yearly) into a systemd `OnCalendar` expression with the same
 * firing times, in systemd's normalised form. Seconds are always `00`; the time zone is the
 * host's local one in both.
 *
 * Throws an {@linkcode InputError} for invalid input, and when both day-of-month and
 * day-of-week are restricted: cron then fires when *either* matches, while systemd requires
 * both, so no single `OnCalendar` has cron's meaning.
 *
 * @example
 * ```ts
 * cronToOnCalendar("30 2 * * MON-FRI"); // "Mon..Fri *-*-* 02:30:00"
 * cronToOnCalendar("@hourly");          // "*-*-* *:00:00"
 * ```
 */
export function cronToOnCalendar(cron: string, options: CronToOnCalendarOptions = {}): string {
  const key = options.key ?? "schedule";
  const s = parseCron(cron, { key });
  let { dayOfMonth, dayOfWeek } = s;
  const allDays = dayOfMonth.length === 31 || dayOfWeek.length === 7;
  if (!s.dayOfMonthStar && !s.dayOfWeekStar) {
    // OR-semantics: "either matches". Equivalent to a single expression only when one side
    // matches every day, in which case the OR matches every day.
    if (!allDays) {
      throw new InputError(
        key,
        `"${cron.trim()}" restricts both day-of-month and day-of-week: cron runs when EITHER matches, ` +
          "systemd OnCalendar only when BOTH match. Restrict only one of them (use * for the other), " +
          "or write two OnCalendar values yourself",
      );
    }
    dayOfMonth = all(CRON_FIELDS[2]!);
    dayOfWeek = [0, 1, 2, 3, 4, 5, 6];
  }
  const weekdays = renderWeekdays(dayOfWeek);
  const month = renderCalendarValues(s.month, CRON_FIELDS[3]!);
  const day = renderCalendarValues(dayOfMonth, CRON_FIELDS[2]!);
  const hour = renderCalendarValues(s.hour, CRON_FIELDS[1]!);
  const minute = renderCalendarValues(s.minute, CRON_FIELDS[0]!);
  return `${weekdays ? `${weekdays} ` : ""}*-${month}-${day} ${hour}:${minute}:00`;
}

function all(range: { min: number; max: number }): number[] {
  return Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
}
