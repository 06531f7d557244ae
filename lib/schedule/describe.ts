/**
 * Cron expressions in words (for `cc-warm status`, docs and logs), via cronstrue.
 * @module
 */
import cronstrue from "cronstrue";
import { InputError } from "../errors.ts";
import { expandCronMacro } from "./macros.ts";
import { parseCron } from "./parse-cron.ts";

/**
 * Options for {@linkcode describeSchedule}.
 *
 * @example
 * ```ts
 * describeSchedule("30 14 * * *", { use24HourTimeFormat: false }); // "At 02:30 PM"
 * ```
 */
export interface DescribeScheduleOptions {
  /** The name used in error messages (default `schedule`). */
  key?: string;
  /** 24-hour clock (default true: "At 02:00"). */
  use24HourTimeFormat?: boolean;
}

/**
 * Describe a cron expression in English. The expression is validated with the same rules as
 * {@linkcode cronToOnCalendar} first, so an invalid one throws an {@linkcode InputError}
 * (cronstrue alone accepts some forms cron does not).
 *
 * @example
 * ```ts
 * describeSchedule("0 2 * * *");     // "At 02:00"
 * describeSchedule("@weekly");       // "At 00:00, only on Sunday"
 * ```
 */
export function describeSchedule(cron: string, options: DescribeScheduleOptions = {}): string {
  const key = options.key ?? "schedule";
  parseCron(cron, { key });
  try {
    return cronstrue.toString(expandCronMacro(cron, { key }), {
      use24HourTimeFormat: options.use24HourTimeFormat ?? true,
      throwExceptionOnParseError: true,
    });
  } catch (cause) {
    throw new InputError(key, `cannot describe "${cron.trim()}": ${String(cause)}`, { cause });
  }
}
