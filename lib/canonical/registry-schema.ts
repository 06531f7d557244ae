/**
 * The registry's shape: observed state of each canonical (recipe → known-good commit, MANIFEST
 * digest, dirty flag, quick-run count). The interfaces are checked against the zod schemas.
 * @module
 */
import { z } from "zod";
import { gitRefSchema, recipeNameSchema } from "../validate/names.ts";

/** One canonical app's observed state. */
export interface CanonicalEntry {
  recipe: string;
  /** The recipe commit the known-good snapshot was taken at (a green cold run on latest). */
  knownGoodCommit: string;
  /** The recipe version (tag) at that commit, when known. */
  version?: string | undefined;
  /** sha256 of the known-good MANIFEST: ties this entry to exactly one snapshot. */
  manifestDigest: string;
  /** ISO time of the promotion that set the known-good. */
  promotedAt: string;
  /** The canonical's volumes may differ from known-good (a quick pass or a crash touched them). */
  dirty: boolean;
  /** ISO time the volumes became dirty. */
  dirtySince?: string | undefined;
  /** Quick runs since the promotion. */
  quickRuns: number;
  lastQuickAt?: string | undefined;
  lastQuickVerdict?: "pass" | "fail" | undefined;
  /** Where the canonical is deployed. */
  domain?: string | undefined;
  stack?: string | undefined;
}

/** The whole `registry.json`. */
export interface Registry {
  version: 1;
  canonicals: Record<string, CanonicalEntry>;
}

const isoTime = z.iso.datetime({ offset: true });

/**
 * Validates one canonical entry.
 *
 * @example
 * ```ts
 * canonicalEntrySchema.parse(entry);
 * ```
 */
export const canonicalEntrySchema: z.ZodType<CanonicalEntry> = z.object({
  recipe: recipeNameSchema,
  knownGoodCommit: gitRefSchema,
  version: z.string().min(1).optional(),
  manifestDigest: z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 hex digest"),
  promotedAt: isoTime,
  dirty: z.boolean(),
  dirtySince: isoTime.optional(),
  quickRuns: z.number().int().nonnegative(),
  lastQuickAt: isoTime.optional(),
  lastQuickVerdict: z.enum(["pass", "fail"]).optional(),
  domain: z.string().min(1).optional(),
  stack: z.string().min(1).optional(),
});

/**
 * Validates `registry.json`; each entry's `recipe` must equal its key.
 *
 * @example
 * ```ts
 * const reg = registrySchema.parse(JSON.parse(text));
 * ```
 */
export const registrySchema: z.ZodType<Registry> = z.object({
  version: z.literal(1),
  canonicals: z.record(recipeNameSchema, canonicalEntrySchema).superRefine((map, ctx) => {
    for (const [key, entry] of Object.entries(map)) {
      if (entry.recipe !== key) ctx.addIssue({ code: "custom", path: [key, "recipe"], message: `must equal its key ${JSON.stringify(key)}` });
    }
  }),
});
