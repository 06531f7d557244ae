import { z } from "zod";
import { booleanFlagSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm prune`, as typed on the command line. */
export interface PruneParams {
  /** List only; change nothing. */
  "dry-run": boolean;
  /** Minutes to wait for another prune. */
  "lock-timeout": number;
  /** Only consider docker names with this prefix. */
  scope?: string | undefined;
}

/** The prune graph's parameter schema (`cc-warm prune --help` reads the descriptions). */
export const pruneParamsSchema: z.ZodType<PruneParams, { "dry-run"?: boolean | "true" | "false"; "lock-timeout"?: unknown; scope?: string | undefined }> = z.strictObject({
  /** List only; change nothing. */
  "dry-run": booleanFlagSchema.default(true).describe("list what would be removed and the bytes; change nothing (dry-run=false prunes)"),
  /** Minutes to wait for another prune. */
  "lock-timeout": z.coerce.number().positive().max(24 * 60).default(30).describe("minutes to wait for another prune to finish (real runs only)"),
  /** Only consider docker names with this prefix. */
  scope: z
    .string()
    .max(40, "must be at most 40 characters")
    .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lowercase letters, digits, _ and - (a name prefix)")
    .optional()
    .describe("only consider stacks, volumes and images whose name starts with this (snapshot temp dirs are always considered)"),
});
