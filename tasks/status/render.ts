import { formatBytes } from "../../lib/cli/render/style.ts";
import { historyLines } from "./render-history.ts";
import { formatAge, formatTable, safeText, secondsSince } from "./table.ts";
import type { LockStatusRow, RecipeStatus, StatusReport } from "./types.ts";

/** Sweep row columns shown first (the sweep's `recipes` rows), then whatever else a row has. */
const PREFERRED = ["recipe", "verdict", "promotion", "ref", "commit", "canonical", "reason"];
const indent = (lines: string[]): string[] => lines.map((l) => `  ${l}`);
const ago = (iso: string | undefined, now: Date): string => {
  const s = secondsSince(iso, now);
  return s === undefined ? "" : `${formatAge(s)} ago`;
};

function recipeRows(rows: readonly RecipeStatus[], now: Date): string[] {
  if (!rows.length) return ["  (no recipe enrolled: config `recipes` is empty)"];
  const head = ["recipe", "known-good", "version", "promoted", "size", "dirty", "quick runs", "last quick", "note"];
  const body = rows.map((r) => {
    const note = safeText([!r.canonical && r.enrolled ? "no canonical yet (a green cold run seeds it)" : "", r.problem ?? ""].filter(Boolean).join("; "), 120);
    if (!r.canonical) return [safeText(r.recipe), "-", "-", "-", "-", "-", "-", "-", note];
    return [
      safeText(r.recipe),
      safeText(r.knownGoodCommit?.slice(0, 12)),
      safeText(r.version ?? "-", 24),
      r.ageSeconds === undefined ? "-" : `${formatAge(r.ageSeconds)} ago`,
      r.knownGoodBytes === undefined ? "-" : formatBytes(r.knownGoodBytes),
      r.dirty ? `yes (${ago(r.dirtySince, now) || "since ?"})` : "no",
      String(r.quickRuns ?? 0),
      r.lastQuickVerdict ? `${r.lastQuickVerdict} (${ago(r.lastQuickAt, now)})` : "-",
      note,
    ];
  });
  return indent(formatTable([head, ...body]));
}

const who = (h: NonNullable<LockStatusRow["holder"]>, now: Date): string =>
  `pid ${h.pid}@${safeText(h.host, 40)} for ${ago(h.since, now).replace(/ ago$/, "")}${h.purpose ? ` (${safeText(h.purpose, 60)})` : ""}`;

function lockRows(locks: readonly LockStatusRow[], now: Date): string[] {
  if (!locks.length) return ["  (none held)"];
  const head = ["lock", "held by", "waiting"];
  const body = locks.map((l) => [
    safeText(l.name),
    l.holder ? who(l.holder, now) : `nobody${l.deadTickets ? ` (${l.deadTickets} dead ticket(s))` : ""}`,
    l.waiters.length ? l.waiters.map((w) => who(w, now)).join("; ") : "-",
  ]);
  return indent(formatTable([head, ...body]));
}

/**
 * The human view of a status report: one titled table per section; a section that could not
 * be read says so. Every value from disk goes through `safeText`.
 *
 * @example
 * ```ts
 * process.stderr.write(renderStatus(report, { failed: {} }).join("\n") + "\n");
 * ```
 */
export function renderStatus(report: StatusReport, options: { failed: Record<string, string> }): string[] {
  const now = new Date(report.at);
  const out: string[] = [`cc-warm status · state dir ${safeText(report.stateDir, 200)} · ${report.at}`];
  const section = (title: string, key: string, body: () => string[]): void => {
    out.push("", title);
    out.push(...(options.failed[key] !== undefined ? [`  could not read: ${safeText(options.failed[key], 300)}`] : body()));
  };
  section("RECIPES", "recipes", () => recipeRows(report.recipes ?? [], now));
  section("DISK", "disk", () => indent(formatTable([
    ["filesystem of", "path", "used", "size", "use%", "level"],
    ...(report.disk ?? []).map((d) => [d.role, `${safeText(d.path, 100)}${d.exists ? "" : " (not created yet)"}`, formatBytes(d.usedBytes), formatBytes(d.totalBytes), `${d.percent}%`, `${d.level} (warn ${d.warnAtPercent}%, prune ${d.pruneAtPercent}%)`]),
  ])));
  section("LOCKS", "locks", () => lockRows(report.locks ?? [], now));
  section(`ALERTS (${report.alerts?.length ?? "?"} unacknowledged)`, "alerts", () =>
    report.alerts?.length ? indent(formatTable([["time", "app", "what", "why"], ...report.alerts.map((a) => [a.time, safeText(a.app ?? "-", 30), safeText(a.what, 60), safeText(a.why, 100)])])) : ["  (none)"]);
  section("SWEEP", "sweep", () => {
    const s = report.sweep!;
    const lines = [`  schedule  ${safeText(s.schedule)}: ${safeText(s.description, 120)}; OnCalendar ${safeText(s.onCalendar, 120)}; at most ${s.maxTests} cold test(s)`];
    if (!s.last) return [...lines, "  last      (no sweep recorded yet)"];
    lines.push(`  last      ${safeText(s.last.at ?? "time unknown")}${s.last.verdict ? ` ${safeText(s.last.verdict, 30)}` : ""}${s.last.problem ? ` (${safeText(s.last.problem, 200)})` : ""}`);
    const all = new Set(s.last.rows.flatMap((r) => Object.keys(r)));
    const keys = [...PREFERRED.filter((k) => all.has(k)), ...[...all].filter((k) => !PREFERRED.includes(k))].slice(0, 8);
    if (s.last.rows.length) lines.push(...indent(indent(formatTable([keys, ...s.last.rows.map((r) => keys.map((k) => safeText(r[k] ?? "", 40)))]))));
    return lines;
  });
  section(`HISTORY (last ${report.history?.runs ?? "?"} runs per recipe and lane; ${report.history?.records ?? "?"} record(s))`, "history", () => historyLines(report.history!, now));
  if (report.attention.length) out.push("", "NEEDS ATTENTION", ...report.attention.map((a) => `  ! ${safeText(a, 300)}`));
  return out;
}
