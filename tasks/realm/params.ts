import { z } from "zod";
import { booleanFlagSchema, realmNameSchema, recipeNameSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm realm-create`. */
export interface RealmCreateParams {
  parent: string;
  run: string;
}

/** A per-run domain (`docs-pr12-4f1e.ci.example.org`) or its first label (`docs-pr12-4f1e`). */
const runSchema = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, "must be a per-run domain or its first DNS label (lowercase letters, digits, hyphens)");

/** `realm-create`'s schema. */
export const realmCreateParamsSchema: z.ZodType<RealmCreateParams> = z.strictObject({
  parent: recipeNameSchema.describe("the dependent recipe (the realm is <parent>-<6 hex>; also the OIDC client id)"),
  run: runSchema.describe("the dependent run's domain or label (its hex keeps concurrent runs apart; a label gets .<ciDomain>)"),
});

/** Parameters of `cc-warm realm-delete`. */
export interface RealmDeleteParams {
  realm: string;
}

/** `realm-delete`'s schema. */
export const realmDeleteParamsSchema: z.ZodType<RealmDeleteParams> = z.strictObject({
  realm: realmNameSchema.describe("the realm realm-create handed back (<parent>-<6 hex>); already gone is fine"),
});

/** Parameters of `cc-warm realms-reap`. */
export interface RealmsReapParams {
  "dry-run": boolean;
  "grace-minutes"?: number | undefined;
}

/** `realms-reap`'s schema. */
export const realmsReapParamsSchema: z.ZodType<RealmsReapParams> = z.strictObject({
  "dry-run": booleanFlagSchema.default(false).describe("list what would be deleted, delete nothing"),
  "grace-minutes": z.coerce.number().positive().max(7 * 24 * 60).optional().describe("keep realms younger than this (default: config keycloak.realmGraceMinutes)"),
});
