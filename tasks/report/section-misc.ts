import type { AlertStatusRow, SweepStatus } from "../status/types.ts";
import { esc } from "./charts/escape.ts";
import { table } from "./page.ts";

/**
 * Open (unacknowledged) alerts, oldest first.
 *
 * @example
 * ```ts
 * alertsSection(report.alerts ?? []);
 * ```
 */
export function alertsSection(alerts: readonly AlertStatusRow[]): string {
  return `<section id="alerts"><h2>Open alerts (${alerts.length})</h2>${alerts.length ? table(["time", "app", "what", "why"], alerts.map((a) => [esc(a.time), esc(a.app ?? "-"), esc(a.what), esc(a.why)])) : "<p>None.</p>"}</section>`;
}

/**
 * The sweep: its schedule, and the last sweep's per-recipe results.
 *
 * @example
 * ```ts
 * sweepSection(report.sweep);
 * ```
 */
export function sweepSection(s: SweepStatus): string {
  const head = `<p>Schedule <code>${esc(s.schedule)}</code>: ${esc(s.description)} (OnCalendar <code>${esc(s.onCalendar)}</code>), at most ${s.maxTests} cold test(s).</p>`;
  if (!s.last) return `<section id="sweep"><h2>Last sweep</h2>${head}<p class="muted">No sweep recorded yet.</p></section>`;
  const keys = ["recipe", "verdict", "promotion", "ref", "commit", "durationMs", "reason"].filter((k) => s.last!.rows.some((r) => r[k] !== undefined));
  const rows = s.last.rows.map((r) => keys.map((k) => (k === "verdict" ? `<span class="${r[k] === "green" ? "pass" : "fail"}">${esc(r[k])}</span>` : esc(r[k] ?? ""))));
  return `<section id="sweep"><h2>Last sweep</h2>${head}<p>${esc(s.last.at ?? "time unknown")}${s.last.verdict ? ` · ${esc(s.last.verdict)}` : ""}${s.last.problem ? ` · <span class="fail">${esc(s.last.problem)}</span>` : ""}</p>${rows.length ? table(keys, rows) : ""}</section>`;
}
