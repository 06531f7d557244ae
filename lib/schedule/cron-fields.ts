/**
 * The five cron fields and how one field's text expands to the set of values it matches.
 * @module
 */
import { InputError } from "../errors.ts";

/**
 * One cron field: its name (for messages), its range and, for month and weekday, its names.
 *
 * @example
 * ```ts
 * const hour: CronFieldSpec = { name: "hour", min: 0, max: 23 };
 * ```
 */
export interface CronFieldSpec {
  /** The field's name in messages, e.g. `day-of-month`. */
  name: string;
  /** The smallest value. */
  min: number;
  /** The largest value. */
  max: number;
  /** Names in order, the first one meaning `min` (JAN = 1, SUN = 0). */
  names?: readonly string[];
}

/**
 * The fields in cron order. Day-of-week allows 7 for Sunday, as Vixie cron does.
 *
 * @example
 * ```ts
 * CRON_FIELDS[1]; // { name: "hour", min: 0, max: 23 }
 * ```
 */
export const CRON_FIELDS: readonly CronFieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day-of-week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/**
 * The sorted, distinct values one field matches. Items are separated by commas; an item is
 * `*`, `N`, `N-M` or a name, optionally followed by `/STEP`; `N/STEP` means `N-max/STEP`.
 * Throws an {@linkcode InputError} (under `key`) naming the field and the bad item.
 *
 * @example
 * ```ts
 * expandCronField("1-10/3,30", CRON_FIELDS[0]!, { key: "schedule" }); // [1, 4, 7, 10, 30]
 * ```
 */
export function expandCronField(text: string, spec: CronFieldSpec, options: { key: string }): number[] {
  const fail = (problem: string): never => {
    throw new InputError(options.key, `${spec.name} field "${text}": ${problem}`);
  };
  // Quartz/Jenkins extensions look like cron but mean something cron cannot express.
  if (/[?#]|(^|,)(H|L|LW)([(/,]|$)|[0-9][LW]($|,)/i.test(text)) fail("the Quartz-style ?, L, W, # and H are not cron syntax");
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const m = /^(\*|[0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?(?:\/([0-9]+))?$/.exec(item);
    if (!m) fail(item === "" ? "empty list item" : `"${item}" is not *, N, N-M or a name, with an optional /STEP`);
    const [, from, to, stepText] = m!;
    if (from === "*" && to !== undefined) fail(`"${item}": * cannot start a range`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail(`"${item}": the step must be at least 1`);
    const lo = from === "*" ? spec.min : toNumber(from!, spec, fail);
    const hi = to !== undefined ? toNumber(to, spec, fail) : from === "*" || stepText !== undefined ? spec.max : lo;
    if (lo > hi) fail(`"${item}": the range runs backwards (cron does not wrap around)`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function toNumber(token: string, spec: CronFieldSpec, fail: (problem: string) => never): number {
  if (/^[0-9]+$/.test(token)) {
    const n = Number(token);
    if (n < spec.min || n > spec.max) fail(`${token} is outside ${spec.min}-${spec.max}`);
    return n;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index < 0) {
    const allowed = spec.names ? ` (names: ${spec.names.join(" ")})` : " (this field takes numbers only)";
    fail(`"${token}" is not a valid value${allowed}`);
  }
  return spec.min + index;
}
