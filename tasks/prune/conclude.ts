import type { Conclusion } from "../../lib/cli/command.ts";
import { defaultConclusion } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import { formatBytes } from "../../lib/cli/render/style.ts";
import type { DiskUsage, PruneItem, PruneReport } from "../../lib/disk/types.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { formatTable, safeText } from "../status/table.ts";
import type { PruneParams } from "./params.ts";
import type { ProtectedStack } from "./protected.ts";

/**
 * The human table of a prune report: what goes (or would go), what failed, and the totals.
 *
 * @example
 * ```ts
 * process.stderr.write(renderPrune(report).join("\n") + "\n");
 * ```
 */
export function renderPrune(report: PruneReport): string[] {
  const shown = report.items.filter((i) => i.action !== "kept");
  const head = report.dryRun ? "WOULD REMOVE" : "REMOVED / FAILED";
  if (!shown.length) return [`${head}: nothing`];
  const rows = shown.map((i: PruneItem) => [i.action, i.kind, safeText(i.name, 80), formatBytes(i.bytes), safeText(i.error ? `${i.reason}: ${i.error}` : i.reason, 140)]);
  return [head, ...formatTable([["action", "kind", "name", "bytes", "why"], ...rows]).map((l) => `  ${l}`)];
}

const pct = (u: DiskUsage[] | undefined): string => (u ?? []).map((x) => `${safeText(x.path, 100)} ${x.percent}%`).join(", ");

/**
 * Read a prune run: the dry run's plan or the real run's report, protected stacks, usage before
 * and after. A real run with items that could not be removed exits 3; otherwise 0 (cancelled 5,
 * failures by error kind).
 *
 * @example
 * ```ts
 * const { exitCode, result } = concludePrune(run, params);
 * ```
 */
export function concludePrune(run: GraphRun, params: PruneParams): Conclusion {
  const dryRun = params["dry-run"];
  const report = dryRun ? run.output<PruneReport>("plan") : run.output<PruneReport>("prune");
  const protectedList = run.output<ProtectedStack[]>("protect");
  const before = run.output<DiskUsage[]>("usage");
  const after = run.output<DiskUsage[]>("usage-after");
  const fields = {
    dryRun,
    scope: params.scope ?? null,
    protected: protectedList ?? null,
    usageBefore: before ?? null,
    usageAfter: dryRun ? null : after ?? null,
    items: report?.items.filter((i) => i.action !== "kept") ?? [],
    kept: report?.items.filter((i) => i.action === "kept") ?? [],
    totals: report?.totals ?? null,
    warnings: report?.warnings ?? [],
    alert: run.output<string>("alert") ?? null,
  };
  const base = defaultConclusion(run);
  if (run.status !== "passed" || !report) return { ...base, result: { ...base.result, ...fields } };
  const table = renderPrune(report);
  const t = report.totals;
  const sentence = dryRun
    ? `prune (dry run): would remove ${t.removeCount} item(s), ${formatBytes(t.removeBytes)}; nothing changed; disk ${pct(before)}`
    : `prune: removed ${t.removeCount} item(s), ${formatBytes(t.removeBytes)}${t.failedCount ? `; ${t.failedCount} could not be removed` : ""}; disk ${pct(before)} → ${pct(after)}`;
  const failed = !dryRun && t.failedCount > 0;
  return {
    exitCode: failed ? ExitCode.InfraError : ExitCode.Passed,
    result: { verdict: failed ? "error" : "passed", ...fields },
    summary: [...table, ...report.warnings.map((w) => `! ${safeText(w, 300)}`), ...orphanNotes(protectedList), sentence].join("\n"),
  };
}

/** Canonicals no longer in the config: prune keeps them (warm data); say how to remove them. */
function orphanNotes(list: ProtectedStack[] | undefined): string[] {
  return (list ?? []).filter((p) => p.why.includes("no longer in the config")).map((p) => `kept ${safeText(p.stack, 80)}: ${safeText(p.why, 200)}`);
}
