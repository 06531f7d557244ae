import type { z } from "zod";
import { InputError } from "../errors.ts";

/**
 * Parse `value` with `schema`; on failure throw an {@linkcode InputError} naming `key` and
 * the first problem. Use before any side effect.
 *
 * @example
 * ```ts
 * const recipe = parseInput("recipe", recipeNameSchema, "demo");
 * ```
 */
export function parseInput<S extends z.ZodType>(key: string, schema: S, value: unknown): z.output<S> {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  throw new InputError(key, describeIssues(res.error.issues, value));
}

/**
 * One readable sentence from zod issues, with the path of each (never echoing secret values:
 * only the offending value's length is shown for strings over 80 characters).
 *
 * @example
 * ```ts
 * describeIssues(result.error.issues);
 * ```
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], value?: unknown): string {
  const parts = issues.map((i) => {
    const path = i.path.length ? `${i.path.join(".")}: ` : "";
    return `${path}${i.message}`;
  });
  const shown = typeof value === "string" ? (value.length > 80 ? ` (got ${value.length} characters)` : ` (got ${JSON.stringify(value)})`) : "";
  return parts.join("; ") + shown;
}
