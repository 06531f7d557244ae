/**
 * Cron's @-macros, and the normalised 5-field text of any expression.
 * @module
 */
import { InputError } from "../errors.ts";

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
