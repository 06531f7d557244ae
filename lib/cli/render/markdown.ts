/**
 * `--format=markdown`: the final result object as a short summary for a pull-request comment.
 * Plain GitHub-flavoured markdown, no colours and no clock: the same result gives the same text.
 * @module
 */
import { markdownSweep } from "./markdown-sweep.ts";
import { cell, code, heading, runFooter, table, timingsLine, upgradeStepsLine } from "./markdown-parts.ts";

/** The graphs whose results `--format=markdown` can summarise. */
export const MARKDOWN_GRAPHS: readonly string[] = ["quick", "cold", "promote", "sweep"];

/** What quick results say about themselves, in every summary (WC7). */
export const QUICK_CAVEAT = "quick: lower confidence, never gates merge";

const VERDICT_WORDS: Record<string, string> = {
  passed: "PASS", failed: "FAIL", error: "ERROR", cancelled: "CANCELLED", fallback: "FALLBACK TO COLD",
};

/**
 * Render a result object (the last `--json` line of quick, cold, promote or sweep) as markdown.
 *
 * @example
 * ```ts
 * renderMarkdown({ graph: "quick", mode: "quick", verdict: "passed", recipe: "demo", ref: "v2", canonical: "0a1b…" });
 * // "### cc-warm quick: PASS — demo\n\n> quick: lower confidence, never gates merge\n…"
 * ```
 */
export function renderMarkdown(result: Record<string, unknown>): string {
  const graph = String(result.graph ?? result.mode ?? "");
  if (graph === "sweep") return markdownSweep(result);
  if (graph === "promote") return markdownPromote(result);
  const verdict = VERDICT_WORDS[String(result.verdict)] ?? String(result.verdict ?? "unknown").toUpperCase();
  const quickLane = result.mode === "quick";
  const rows: [string, string][] = [["Mode", String(result.mode ?? graph)], ["Verdict", verdict]];
  if (result.fallback) rows.push(["Why", cell(result.reason)]);
  else {
    rows.push(["Upgrade path", upgradePath(result)]);
    rows.push(["Rollback", rollbackText(result)]);
  }
  const steps = upgradeStepsLine(result.upgradeSteps);
  if (steps) rows.push(["Upgrade steps", steps]);
  if (!result.fallback && result.verdict !== "passed" && result.reason) rows.push(["Reason", cell(result.reason)]);
  const timings = timingsLine(result);
  if (timings) rows.push(["Duration", timings]);
  const caveat = quickLane || (graph === "quick" && result.fallback) ? `> ${QUICK_CAVEAT}\n\n` : "";
  return `${heading(graph, verdict, result.recipe)}\n\n${caveat}${table(rows)}${runFooter(result)}`;
}

function upgradePath(r: Record<string, unknown>): string {
  const target = `${code(r.ref)}${r.upgradedCommit ?? r.commit ? ` (${code(String(r.upgradedCommit ?? r.commit).slice(0, 12))})` : ""}`;
  if (r.mode === "quick") return `known-good ${r.canonical ? code(String(r.canonical).slice(0, 12)) : "(none)"} → ${target}`;
  return r.from ? `${code(r.from)} → ${target}` : `fresh deploy of ${target}`;
}

function rollbackText(r: Record<string, unknown>): string {
  if (r.mode !== "quick") return "not applicable (cold: everything torn down)";
  if (r.rollbackFailed) return "**ROLLBACK FAILED**: the canonical's data may not be at known-good; a human must look";
  if (r.rolledBack) return "data restored to known-good";
  return r.verdict === "passed" ? "not needed (known-good unchanged)" : "none";
}

const PROMOTION_WORDS: Record<string, string> = { promoted: "PROMOTED", "not-eligible": "NOT ELIGIBLE", failed: "PROMOTION FAILED" };

function markdownPromote(r: Record<string, unknown>): string {
  const seeded = r.promotion === "promoted" && r.seeded;
  const word = seeded ? "SEEDED" : PROMOTION_WORDS[String(r.promotion)] ?? VERDICT_WORDS[String(r.verdict)] ?? "ERROR";
  const target = r.target as { ref?: string; tag?: string | null; commit?: string } | null | undefined;
  const previous = r.previous as { commit?: string } | null | undefined;
  const to = target ? `${code(target.tag ?? target.ref)} (${code(String(target.commit ?? "").slice(0, 12))})` : code(r.ref);
  const rows: [string, string][] = [["Promotion", word], ["Cold run", `${cell(r.mode)}, ${cell(r.verdict)}`], ["Target", to]];
  if (r.strategy) rows.push(["Strategy", cell(r.strategy)]);
  if (r.promotion === "promoted") rows.push(["Known-good", `${previous?.commit ? code(previous.commit.slice(0, 12)) : "(none)"} → ${code(String(r.canonical ?? "").slice(0, 12))}`]);
  else {
    if (r.reason) rows.push(["Reason", cell(r.reason)]);
    const after = r.restoreFailed ? "**RESTORE FAILED**: a human must look" : r.restoredPrevious ? "previous known-good restored" : "unchanged";
    rows.push(["Known-good", r.knownGoodMoved ? "moved to the new snapshot (registry aligned)" : after]);
  }
  const timings = timingsLine(r);
  if (timings) rows.push(["Duration", timings]);
  return `${heading("promote", word, r.recipe)}\n\n${table(rows)}${runFooter(r)}`;
}
