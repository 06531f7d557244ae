import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { exitCodeForError } from "../lib/cli/conclude.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { formatBytes } from "../lib/cli/render/style.ts";
import { type ReportWritten, reportGraph } from "./report/graph.ts";
import { type ReportParams, reportParamsSchema } from "./report/params.ts";
import { attention } from "./report/render.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const REPORT_SUMMARY = "write one self-contained HTML page: canonicals, quick vs cold over time, disagreements, disk, alerts, the last sweep (read-only)";

/**
 * `cc-warm report [out=FILE] [runs=N]`: one self-contained HTML page (inline SVG charts and CSS,
 * no script, nothing fetched; every value from state escaped) written atomically to `out`
 * (default `<stateDir>/report.html`). The result names where it went. Exit 0 when every section
 * was read, 3 when some could not be (the page is still written, saying which).
 *
 * @example
 * ```ts
 * // cc-warm report out=/srv/www/ci/report.html
 * ```
 */
export const reportCommand: GraphCommand<ReportParams> = defineCommand({
  name: "report",
  summary: REPORT_SUMMARY,
  params: reportParamsSchema,
  build: reportGraph,
  conclude: (run) => {
    const w = run.output<ReportWritten>("write");
    if (!w) {
      const e = run.tasks.write?.error ?? run.errors[0];
      return { exitCode: exitCodeForError(e), result: { verdict: "error", reason: e?.message }, summary: `report: not written: ${e?.message ?? run.status}` };
    }
    const failed = Object.keys(w.data.failed);
    const recipes = w.data.history?.recipes.length ?? 0;
    return {
      exitCode: failed.length ? ExitCode.InfraError : ExitCode.Passed,
      result: { verdict: failed.length ? "error" : "passed", out: w.out, bytes: w.bytes, recipes, attention: attention(w.data), ...(failed.length ? { unreadable: w.data.failed } : {}) },
      summary: `report written to ${w.out} (${formatBytes(w.bytes)}; ${recipes} recipe(s) with runs, ${w.data.history?.records ?? 0} run(s) in the history${failed.length ? `; could not read ${failed.join(", ")}` : ""}) — open it in a browser`,
    };
  },
  examples: ["cc-warm report", "cc-warm report out=/srv/www/ci/report.html runs=50"],
});
