/**
 * Schemas for every name and path that reaches docker, git, Keycloak or the filesystem.
 * Character classes exclude shell metacharacters, whitespace, NUL and `..` by construction.
 * @module
 */
import { z } from "zod";

/** Longest recipe name: `warm-<recipe>` plus secret suffixes must fit Swarm's 64-char names. */
export const MAX_RECIPE_LENGTH = 32;

const noDotDot = (s: string) => !s.split("/").includes("..") && !s.includes("..");

/**
 * A Co-op Cloud recipe name: lowercase letters, digits and single hyphens, 1–32 characters.
 *
 * @example
 * ```ts
 * recipeNameSchema.parse("lasuite-docs");
 * ```
 */
export const recipeNameSchema: z.ZodString = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_RECIPE_LENGTH, `must be at most ${MAX_RECIPE_LENGTH} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens (e.g. lasuite-docs)");

/**
 * A git ref or commit as CI passes it (branch, tag, `refs/pull/12/head`, a hash): no `..`,
 * no whitespace or shell metacharacters, at most 100 characters.
 *
 * @example
 * ```ts
 * gitRefSchema.parse("refs/pull/12/head");
 * ```
 */
export const gitRefSchema: z.ZodString = z
  .string()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/+-]*$/, "must be a git ref or commit: letters, digits and . _ / + - only")
  .refine(noDotDot, "must not contain '..'")
  .refine((s) => !s.endsWith(".lock") && !s.endsWith("/") && !s.includes("//"), "is not a valid git ref");

/**
 * A DNS domain: lowercase labels of 1–63 characters, at most 253 in all, at least two labels.
 *
 * @example
 * ```ts
 * domainSchema.parse("warm-demo.ci.example.org");
 * ```
 */
export const domainSchema: z.ZodString = z
  .string()
  .min(3, "must be a domain like ci.example.org")
  .max(253, "must be at most 253 characters")
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be a lowercase DNS name like ci.example.org");

/**
 * A Keycloak realm name made by cc-warm: lowercase letters, digits and hyphens, at most 64.
 *
 * @example
 * ```ts
 * realmNameSchema.parse("lasuite-docs-1a2b3c");
 * ```
 */
export const realmNameSchema: z.ZodString = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens");

/**
 * An absolute filesystem path with no `..` segment, NUL, newline or shell metacharacter.
 *
 * @example
 * ```ts
 * absolutePathSchema.parse("/var/lib/ci-warm");
 * ```
 */
export const absolutePathSchema: z.ZodString = z
  .string()
  .min(1, "must not be empty")
  .max(4096, "is too long")
  .regex(/^\//, "must be an absolute path")
  .regex(/^[A-Za-z0-9._/+@:,=-]+$/, "must contain only letters, digits and . _ / + @ : , = -")
  .refine((s) => !s.split("/").includes(".."), "must not contain '..'");

/**
 * A docker stack name: letters, digits, `_` and `-`, at most 40 so that `<stack>_<name>_v1`
 * stays within Swarm's 64-character limit.
 *
 * @example
 * ```ts
 * stackNameSchema.parse("warm-demo_ci_example_org");
 * ```
 */
export const stackNameSchema: z.ZodString = z
  .string()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters (Swarm names are limited to 64 with suffixes)")
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, "must be letters, digits, _ and - only");

/**
 * `"true"`/`"false"` (as typed on a command line) or a boolean.
 *
 * @example
 * ```ts
 * booleanFlagSchema.parse("true"); // true
 * ```
 */
export const booleanFlagSchema: z.ZodType<boolean, boolean | "true" | "false"> = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((s) => s === "true"),
]);
