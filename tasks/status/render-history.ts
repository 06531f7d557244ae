import { formatDuration } from "../../lib/cli/render/style.ts";
import { formatAge, formatTable, safeText, secondsSince } from "./table.ts";
import type { HistoryStatus, LaneSummary } from "./types.ts";

const ago = (iso: string, now: Date): string => `${formatAge(secondsSince(iso, now) ?? 0)} ago`;
const med = (l: LaneSummary): string => (l.medianMs === undefined ? "-" : `${formatDuration(l.medianMs)} (${l.pass}✓ ${l.fail}✗)`);
const WORD: Record<string, string> = { pass: "PASS", fail: "FAIL" };

/**
 * The HISTORY section of `cc-warm status`: per recipe the median quick and cold durations (with
 * passes ✓ and fails ✗ among the runs counted), their ratio and the last verdicts; then every lane
 * disagreement. Values from disk go through `safeText`.
 *
 * @example
 * ```ts
 * lines.push(...historyLines(report.history, new Date(report.at)));
 * ```
 */
export function historyLines(h: HistoryStatus, now: Date): string[] {
  if (!h.recipes.length) return [`  (no quick or cold run recorded yet${h.badLines ? `; ${h.badLines} unreadable line(s) skipped` : ""})`];
  const head = ["recipe", "quick median", "cold median", "quick/cold", "last verdicts"];
  const body = h.recipes.map((r) => [
    safeText(r.recipe),
    med(r.quick),
    med(r.cold),
    r.quick.medianMs !== undefined && r.cold.medianMs ? `${(r.quick.medianMs / r.cold.medianMs).toFixed(2)}×` : "-",
    r.last.slice(0, 3).map((x) => `${x.lane} ${x.verdict} ${ago(x.at, now)}`).join(" · "),
  ]);
  const out = formatTable([head, ...body]).map((l) => `  ${l}`);
  const all = h.recipes.flatMap((r) => r.disagreements);
  if (!all.length) return [...out, "  lane disagreements: none"];
  out.push(`  LANE DISAGREEMENTS (${all.length}): a quick verdict contradicted by a cold one on the same commit`);
  out.push(...formatTable([
    ["recipe", "commit/ref", "quick", "cold"],
    ...all.map((d) => [
      safeText(d.recipe),
      `${safeText(d.key.slice(0, 12), 12)}${d.matchedBy === "ref" ? " (by ref)" : ""}`,
      `${WORD[d.quick.verdict]} ${safeText(d.quick.ref ?? "", 30)} ${ago(d.quick.at, now)}`,
      `${WORD[d.cold.verdict]} (${d.cold.source}) ${ago(d.cold.at, now)}${d.coldFirst ? ", before the quick run" : ""}`,
    ]),
  ]).map((l) => `    ${l}`));
  return out;
}
