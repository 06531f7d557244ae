import { z } from "zod";
import { domainSchema, gitRefSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm promote`, as the orchestrator passes them after a cold run. */
export interface PromoteParams {
  recipe: string;
  verdict: "green" | "red";
  mode: "cold" | "quick";
  ref?: string | undefined;
  version?: string | undefined;
  "cold-domain"?: string | undefined;
}

/**
 * The promote command's parameter schema (`cc-warm promote --help` reads the descriptions).
 *
 * @example
 * ```ts
 * promoteParamsSchema.parse({ recipe: "demo", verdict: "green", mode: "cold" });
 * ```
 */
export const promoteParamsSchema: z.ZodType<PromoteParams> = z.strictObject({
  recipe: recipeNameSchema.describe("the recipe the cold run tested"),
  verdict: z.enum(["green", "red"]).describe("the cold run's verdict (only green promotes)"),
  mode: z.enum(["cold", "quick"]).describe("how the run deployed (only cold promotes; quick never does)"),
  ref: gitRefSchema.optional().describe("the ref the run tested: absent or `latest` = the latest release; a PR ref (refs/pull/*) never promotes"),
  version: gitRefSchema.optional().describe("the recipe version the run tested, recorded in the registry (default: the release tag)"),
  "cold-domain": domainSchema.optional().describe("the undeployed green cold app, whose volumes the `adopt` strategy copies"),
});
