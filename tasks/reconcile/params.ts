import { z } from "zod";
import { booleanFlagSchema, gitRefSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm reconcile`. */
export interface ReconcileParams {
  app: string;
  version?: string | undefined;
  approve?: string | undefined;
  "dry-run": boolean;
}

/** The reconciler's parameter schema (`cc-warm reconcile --help` reads the descriptions). */
export const reconcileParamsSchema: z.ZodType<ReconcileParams> = z.strictObject({
  app: recipeNameSchema.describe("the infra app to reconcile (a key of config `infra`, e.g. keycloak)"),
  version: gitRefSchema.optional().describe("release tag to go to (default: the recipe's latest, highest <semver>+<upstream> tag)"),
  approve: gitRefSchema.optional().describe("release tag an operator approved past the gate (major bump or manual migration done by hand)"),
  "dry-run": booleanFlagSchema.default(false).describe("only say what would happen: no lock, no deploy, no alert"),
});
