import { z } from "zod";
import { absolutePathSchema, gitRefSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of the quick lane, as typed on the command line. */
export interface QuickParams {
  recipe: string;
  ref: string;
  assert?: string | undefined;
  timeout?: number | undefined;
  "lock-timeout"?: number | undefined;
}

/** The quick lane's parameter schema (`cc-warm quick --help` reads the descriptions). */
export const quickParamsSchema: z.ZodType<QuickParams> = z.strictObject({
  recipe: recipeNameSchema.describe("the enrolled recipe whose canonical is upgraded"),
  ref: gitRefSchema.default("HEAD").describe("the PR head to upgrade to (a ref or commit in the recipe repository)"),
  assert: absolutePathSchema.optional().describe("custom assert program (gets CC_WARM_DOMAIN, _STACK, _REF, _RECIPE in its environment)"),
  timeout: z.coerce.number().positive().max(240).optional().describe("minutes each deploy may take to converge (default: the recipe's coop-cloud.<stack>.timeout label, else its config)"),
  "lock-timeout": z.coerce.number().positive().max(24 * 60).optional().describe("minutes to wait for the app's lock (default: config locks.waitTimeoutMinutes)"),
});
