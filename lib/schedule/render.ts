/**
 * Render sets of cron values as systemd calendar components, in systemd's normalised
 * spelling (two-digit numbers, `a..b` ranges, `a/n` and `a..b/n` repetitions, weekdays Mon
 * first), so `systemd-analyze calendar` prints the same text back.
 * @module
 */

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/**
 * One numeric calendar component (minute, hour, day or month) for the sorted, distinct
 * `values` of a field ranging over `min..max`.
 *
 * @example
 * ```ts
 * renderCalendarValues([0, 15, 30, 45], { min: 0, max: 59 }); // "00/15"
 * ```
 */
export function renderCalendarValues(values: readonly number[], range: { min: number; max: number }): string {
  if (values.length === range.max - range.min + 1) return "*";
  const pad = (n: number) => String(n).padStart(2, "0");
  const first = values[0]!;
  const last = values.at(-1)!;
  const step = values.length >= 2 ? values[1]! - first : 0;
  const isProgression = step > 1 && values.every((v, i) => v === first + i * step);
  // A progression that runs to the top of the field is systemd's "start/step".
  if (isProgression && last + step > range.max) return `${pad(first)}/${step}`;
  if (isProgression && values.length >= 3) return `${pad(first)}..${pad(last)}/${step}`;
  return runs(values).map(([a, b]) => (b - a >= 2 ? `${pad(a)}..${pad(b)}` : a === b ? pad(a) : `${pad(a)},${pad(b)}`)).join(",");
}

/**
 * The weekday component for days 0 (Sunday) … 6, or `""` for every day.
 *
 * @example
 * ```ts
 * renderWeekdays([0, 1, 2, 3, 4]); // "Mon..Thu,Sun"
 * ```
 */
export function renderWeekdays(days: readonly number[]): string {
  if (days.length === 7) return "";
  // systemd orders weekdays Monday first: Sunday becomes 7.
  const mondayFirst = days.map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b);
  const name = (d: number) => WEEKDAYS[d % 7]!;
  return runs(mondayFirst).map(([a, b]) => (b - a >= 2 ? `${name(a)}..${name(b)}` : a === b ? name(a) : `${name(a)},${name(b)}`)).join(",");
}

/** Consecutive runs in sorted, distinct numbers: [1,2,3,7] → [[1,3],[7,7]]. */
function runs(values: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of values) {
    const cur = out.at(-1);
    if (cur && v === cur[1] + 1) cur[1] = v;
    else out.push([v, v]);
  }
  return out;
}
