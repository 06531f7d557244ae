import { z } from "zod";

/** Parameters of `cc-warm sweep`. */
export interface SweepParams {
  "max-tests"?: number | undefined;
}

/**
 * The sweep's parameter schema (`cc-warm sweep --help` reads the descriptions).
 *
 * @example
 * ```ts
 * sweepParamsSchema.parse({ "max-tests": "2" }); // { "max-tests": 2 }
 * ```
 */
export const sweepParamsSchema: z.ZodType<SweepParams, { "max-tests"?: unknown }> = z.strictObject({
  "max-tests": z.coerce.number().int().positive().max(1000).optional()
    .describe("at most this many cold tests (default: env CC_WARM_MAX_TESTS, else config sweep.maxTests)"),
});
