/**
 * The sweep's markdown summary: counts, the warm infrastructure it rolled, one row per recipe.
 * @module
 */
import { cell, code, heading, runFooter, table, timingsLine } from "./markdown-parts.ts";
import { formatDuration } from "./style.ts";

interface Row {
  recipe: string;
  ref: string | null;
  commit: string | null;
  verdict: string;
  durationMs: number;
  promotion: string;
  reason: string | null;
  canonical: string | null;
}

interface Results {
  status: string;
  maxTests: number;
  reconcile: { app: string; state: string }[];
  recipes: Row[];
  counts: { run: number; green: number; red: number; error: number; promoted: number; promotionFailed: number; notRun: number };
}

const PROMOTION_WORDS: Record<string, string> = { promoted: "promoted", "not-eligible": "not eligible", failed: "**promotion failed**", "not-run": "not run" };

/**
 * Render a sweep result object as markdown (refused or failed sweeps get a one-row table).
 *
 * @example
 * ```ts
 * markdownSweep({ graph: "sweep", verdict: "passed", sweep: "completed", results });
 * ```
 */
export function markdownSweep(result: Record<string, unknown>): string {
  const r = result.results as Results | undefined;
  if (!r) {
    const word = String(result.sweep ?? result.verdict ?? "error").toUpperCase();
    return `${heading("sweep", word, undefined)}\n\n${table([["Reason", cell(result.reason)]])}${runFooter(result)}`;
  }
  const c = r.counts;
  const word = r.status === "cancelled" ? "CANCELLED" : result.verdict === "passed" ? "PASS" : "FAIL";
  const facts: [string, string][] = [
    ["Tested", `${c.run} (${c.green} green, ${c.red} red, ${c.error} error)`],
    ["Promoted", `${c.promoted}${c.promotionFailed ? `, **${c.promotionFailed} promotion(s) failed**` : ""}`],
  ];
  if (c.notRun) facts.push(["Not run", `${c.notRun} (over MAX_TESTS=${r.maxTests})`]);
  if (r.reconcile.length) facts.push(["Warm infrastructure", r.reconcile.map((x) => `${cell(x.app)} ${cell(x.state)}`).join(", ")]);
  const timings = timingsLine({ durationMs: result.durationMs });
  if (timings) facts.push(["Duration", timings]);
  const rows = r.recipes.map((x) => {
    const took = x.verdict === "not-run" ? "-" : formatDuration(x.durationMs);
    const promo = (PROMOTION_WORDS[x.promotion] ?? cell(x.promotion)) + (x.reason && x.promotion !== "promoted" ? ` (${cell(x.reason)})` : "");
    const tested = x.ref ? `${code(x.ref)}${x.commit ? ` (${code(x.commit.slice(0, 12))})` : ""}` : "-";
    return `| ${cell(x.recipe)} | ${tested} | ${cell(x.verdict)} | ${took} | ${promo} |`;
  });
  const recipes = rows.length ? `\n| Recipe | Tested | Verdict | Duration | Promotion |\n|---|---|---|---|---|\n${rows.join("\n")}\n` : "";
  return `${heading("sweep", word, undefined)}\n\n${table(facts)}${recipes}${runFooter(result)}`;
}
