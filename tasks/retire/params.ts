import { z } from "zod";
import { booleanFlagSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm retire`, as typed on the command line. */
export interface RetireParams {
  recipe: string;
  /** List only; change nothing. */
  "dry-run": boolean;
  /** Minutes to wait for the recipe's lock (real runs only). */
  "lock-timeout"?: number | undefined;
}

/** The retire graph's parameter schema (`cc-warm retire --help` reads the descriptions). */
export const retireParamsSchema: z.ZodType<RetireParams, { recipe: string; "dry-run"?: boolean | "true" | "false"; "lock-timeout"?: unknown }> = z.strictObject({
  recipe: recipeNameSchema.describe("the recipe whose canonical is removed (need not be enrolled any more)"),
  "dry-run": booleanFlagSchema.default(true).describe("list what would be removed; change nothing (dry-run=false removes it)"),
  "lock-timeout": z.coerce.number().positive().max(24 * 60).optional().describe("minutes to wait for the recipe's lock (default: config locks.waitTimeoutMinutes)"),
});
