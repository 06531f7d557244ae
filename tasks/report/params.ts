import { z } from "zod";
import { absolutePathSchema } from "../../lib/validate/names.ts";

/** Parameters of `cc-warm report`. */
export interface ReportParams {
  /** Where the page goes: an absolute path (default `<stateDir>/report.html`). */
  out?: string | undefined;
  /** Runs per recipe and lane to chart (default 100). */
  runs?: number | undefined;
}

/**
 * The report's parameter schema (`cc-warm report --help` reads the descriptions).
 *
 * @example
 * ```ts
 * reportParamsSchema.parse({ out: "/tmp/report.html", runs: "50" });
 * ```
 */
export const reportParamsSchema: z.ZodType<ReportParams, { out?: unknown; runs?: unknown }> = z.strictObject({
  out: absolutePathSchema.optional().describe("write the page here, an absolute path (default: <stateDir>/report.html)"),
  runs: z.coerce.number().int().positive().max(10_000).optional().describe("chart the last N runs per recipe and lane (default 100)"),
});
