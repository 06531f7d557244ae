import { z } from "zod";
import { absolutePathSchema, gitRefSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of a cold run. */
export interface ColdParams {
  recipe: string;
  ref: string;
  from?: string | undefined;
  assert?: string | undefined;
  timeout?: number | undefined;
}

/** The cold run's parameter schema. */
export const coldParamsSchema: z.ZodType<ColdParams> = z.strictObject({
  recipe: recipeNameSchema.describe("the recipe to test (config recipes.<name>.source is its git repository)"),
  ref: gitRefSchema.default("HEAD").describe("the ref to test (a PR head, a release tag)"),
  from: gitRefSchema.optional().describe("deploy this ref first and upgrade to `ref` (an upgrade test from scratch)"),
  assert: absolutePathSchema.optional().describe("custom assert program (gets CC_WARM_DOMAIN, _STACK, _REF, _RECIPE)"),
  timeout: z.coerce.number().positive().max(240).optional().describe("minutes each deploy may take to converge (default: the recipe's coop-cloud.<stack>.timeout label, else its config)"),
});
