import type { Conclusion } from "../../lib/cli/command.ts";
import { exitCodeForError } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { formatSweepTable, type SweepResults } from "./results.ts";

/**
 * Read a sweep run: refused (host busy) → exit 3, nothing done; otherwise the results' exit code
 * (see `sweepExitCode`), with the human table as the summary on stderr.
 *
 * @example
 * ```ts
 * const { exitCode, summary } = concludeSweep(await runGraph(sweepGraph(env), {}));
 * ```
 */
export function concludeSweep(run: GraphRun): Conclusion {
  const lockError = run.tasks["host-lock"]?.error;
  if (lockError) {
    const refused = lockError.name === "HostBusyError";
    return {
      exitCode: refused ? ExitCode.InfraError : exitCodeForError(lockError),
      result: { verdict: refused ? "refused" : "error", sweep: refused ? "refused" : "error", reason: lockError.message },
      summary: `sweep ${refused ? "refused" : "could not start"}: ${lockError.message}`,
    };
  }
  const r = run.output<SweepResults>("results");
  if (!r) {
    const first = run.errors[0];
    return { exitCode: exitCodeForError(first), result: { verdict: "error", sweep: "error", reason: first?.message }, summary: `sweep failed before writing its results: ${first?.message}` };
  }
  const failedTasks = Object.values(run.tasks).filter((t) => t.state === "failed").map((t) => t.id);
  const exitCode = failedTasks.length && r.exitCode === ExitCode.Passed ? ExitCode.InfraError : r.exitCode;
  const c = r.counts;
  const infra = r.reconcile.map((x) => `reconcile ${x.app}: ${x.state}`).join(", ");
  const sentence = `sweep ${r.status}: ${c.run} tested (${c.green} green, ${c.red} red, ${c.error} error), ${c.promoted} promoted, ${c.promotionFailed} promotion(s) failed, ${c.notRun} over MAX_TESTS=${r.maxTests}${infra ? `; ${infra}` : ""}`;
  return {
    exitCode,
    result: { verdict: exitCode === ExitCode.Passed ? "passed" : r.status === "cancelled" ? "cancelled" : "failed", sweep: r.status, results: r },
    summary: `${formatSweepTable(r.recipes)}${sentence}`,
  };
}
