import { join } from "node:path";
import { z } from "zod";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";

/**
 * A lock name: an app/recipe name or `host`. Letters, digits, `.`, `_`, `-`; no `..`; ≤ 100.
 *
 * @example
 * ```ts
 * lockNameSchema.parse("lasuite-docs");
 * ```
 */
export const lockNameSchema: z.ZodType<string> = z
  .string()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits and . _ - only")
  .refine((s) => !s.includes(".."), "must not contain '..'");

/** Where one lock lives. */
export interface LockPaths {
  /** `<stateDir>/locks` */
  dir: string;
  /** `<stateDir>/locks/<name>.lock`: the current holder (informational mirror of the queue). */
  lockFile: string;
  /** `<stateDir>/locks/<name>.queue`: one ticket file per waiter, the lowest live one holds. */
  queueDir: string;
}

/**
 * Validate `stateDir` and `name` (InputError naming the key) and return the lock's paths.
 *
 * @example
 * ```ts
 * const { queueDir } = lockPaths("/var/lib/ci-warm", "demo");
 * ```
 */
export function lockPaths(stateDir: string, name: string): LockPaths {
  parseInput("stateDir", absolutePathSchema, stateDir);
  parseInput("lock", lockNameSchema, name);
  const dir = join(stateDir, "locks");
  return { dir, lockFile: join(dir, `${name}.lock`), queueDir: join(dir, `${name}.queue`) };
}
