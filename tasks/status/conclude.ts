import type { CommandEnv, Conclusion } from "../../lib/cli/command.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { STATUS_SECTIONS } from "./graph.ts";
import { renderStatus } from "./render.ts";
import type { AlertStatusRow, DiskStatus, HistoryStatus, LockStatusRow, RecipeStatus, StatusReport, SweepStatus } from "./types.ts";

/**
 * What wants a human's eye in a report: disks at warn/prune level, open alerts, recipes with a
 * problem, an unreadable last sweep.
 *
 * @example
 * ```ts
 * attentionItems({ at, stateDir, disk: [{ role: "dockerRoot", level: "prune", … }], attention: [] });
 * ```
 */
export function attentionItems(report: Omit<StatusReport, "attention">): string[] {
  const out: string[] = [];
  for (const d of report.disk ?? []) if (d.level !== "ok") out.push(`${d.role} ${d.path} is ${d.percent}% used (${d.level === "prune" ? "at the prune threshold: run cc-warm prune" : "above the warning threshold"})`);
  if (report.alerts?.length) out.push(`${report.alerts.length} unacknowledged alert(s)`);
  for (const r of report.recipes ?? []) if (r.problem) out.push(`${r.recipe}: ${r.problem}`);
  if (report.sweep?.last?.problem) out.push(`last sweep ${report.sweep.last.file}: ${report.sweep.last.problem}`);
  const disagree = report.history?.recipes.filter((r) => r.disagreements.length) ?? [];
  if (disagree.length) out.push(`quick and cold disagree on the same commit for ${disagree.map((r) => r.recipe).join(", ")} (see HISTORY)`);
  if (report.history?.badLines) out.push(`${report.history.badLines} unreadable line(s) in the run history were skipped (first: ${report.history.badLineExamples[0]})`);
  return out;
}

/**
 * Assemble the report from the run: every section that was read, the failed ones' errors,
 * the table for stderr (the summary) and the JSON under `status`. Exit 0 when every section
 * was read, else 3 (the rest is still reported).
 *
 * @example
 * ```ts
 * const { exitCode, result } = concludeStatus(run, env);
 * ```
 */
export function concludeStatus(run: GraphRun, env: CommandEnv): Conclusion {
  const base: Omit<StatusReport, "attention"> = {
    at: run.startedAt,
    stateDir: env.config.stateDir,
    recipes: run.output<RecipeStatus[]>("recipes"),
    disk: run.output<DiskStatus[]>("disk"),
    locks: run.output<LockStatusRow[]>("locks"),
    alerts: run.output<AlertStatusRow[]>("alerts"),
    sweep: run.output<SweepStatus>("sweep"),
    history: run.output<HistoryStatus>("history"),
  };
  const failed: Record<string, string> = {};
  for (const id of STATUS_SECTIONS) {
    const t = run.tasks[id];
    if (t && t.state !== "succeeded") failed[id] = t.error?.message ?? t.state;
  }
  const report: StatusReport = { ...base, attention: attentionItems(base) };
  const table = renderStatus(report, { failed });
  const bad = Object.keys(failed);
  const canon = report.recipes?.filter((r) => r.canonical).length ?? 0;
  const sentence = bad.length
    ? `status: could not read ${bad.join(", ")}`
    : `status: ${report.recipes?.length ?? 0} recipe(s), ${canon} with a canonical; ${report.locks?.filter((l) => l.holder).length ?? 0} lock(s) held; ${report.alerts?.length ?? 0} open alert(s); ${report.attention.length ? `${report.attention.length} item(s) need attention` : "nothing needs attention"}`;
  return {
    exitCode: bad.length ? ExitCode.InfraError : ExitCode.Passed,
    result: { verdict: bad.length ? "error" : "passed", report, ...(bad.length ? { unreadable: failed } : {}) },
    summary: [...table, "", sentence].join("\n"),
  };
}
