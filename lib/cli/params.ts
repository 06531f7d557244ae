import { z } from "zod";
import { InputError } from "../errors.ts";
import { describeIssues } from "../validate/parse.ts";

/** One documented parameter of a graph, read from its schema. */
export interface ParamInfo {
  key: string;
  description: string;
  required: boolean;
  default?: unknown;
}

/**
 * List a command's parameters from its zod object schema (for `--help` and key checks).
 *
 * @example
 * ```ts
 * paramInfo(z.strictObject({ recipe: z.string().describe("recipe name") }));
 * ```
 */
export function paramInfo(schema: z.ZodType): ParamInfo[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const empty = field.safeParse(undefined);
    const info: ParamInfo = { key, description: field.description ?? "", required: !empty.success };
    if (empty.success && empty.data !== undefined) info.default = empty.data;
    return info;
  });
}

/**
 * Validate `key=value` strings against a command's schema: unknown keys are rejected by name
 * first, then each value is checked; the error names the key.
 *
 * @example
 * ```ts
 * const params = parseParams(quick.params, { recipe: "demo" });
 * ```
 */
export function parseParams<P>(schema: z.ZodType<P>, raw: Record<string, string>): P {
  const known = new Set(paramInfo(schema).map((p) => p.key));
  if (schema instanceof z.ZodObject) {
    for (const key of Object.keys(raw)) {
      if (!known.has(key)) {
        const list = [...known].join(", ") || "none";
        throw new InputError(key, `unknown parameter (known: ${list})`);
      }
    }
  }
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const first = res.error.issues[0]!;
  const key = first.path.length ? String(first.path[0]) : "params";
  const value = first.path.length ? raw[String(first.path[0])] : undefined;
  const issues = res.error.issues.filter((i) => String(i.path[0] ?? "params") === key).map((i) => ({ ...i, path: [] }));
  throw new InputError(key, describeIssues(issues, value));
}
