import { z } from "zod";
import { configSchema } from "./schema.ts";

/**
 * The config file's JSON Schema (draft 2020-12), generated from the zod schema — the input shape,
 * so fields with defaults are optional — for editors (`"$schema"` in the file) and the NixOS
 * module's documentation. Checks zod cannot express (the cron syntax, `pruneDownToPercent` below
 * `pruneAtPercent`) are left to `cc-warm config check`.
 *
 * @example
 * ```ts
 * writeFileSync("cc-warm.schema.json", JSON.stringify(configJsonSchema(), null, 2));
 * ```
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const properties = { $schema: { type: "string", description: "the JSON Schema this file follows (for editors)" }, ...(schema.properties as object) };
  return { ...schema, title: "cc-warm config", description: "cc-warm's config file (desired state); see `cc-warm config check`", properties };
}
