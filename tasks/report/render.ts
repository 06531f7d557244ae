import { esc } from "./charts/escape.ts";
import { page } from "./page.ts";
import { canonicalsSection } from "./section-canonicals.ts";
import { diskSection } from "./section-disk.ts";
import { lanesSection } from "./section-lanes.ts";
import { alertsSection, sweepSection } from "./section-misc.ts";
import type { ReportData } from "./types.ts";

const unreadable = (id: string, title: string, why: string): string => `<section id="${id}"><h2>${esc(title)}</h2><p class="fail">Could not read: ${esc(why)}</p></section>`;

/**
 * What wants a human's eye, one escaped line each: disks past a threshold, open alerts, lane
 * disagreements, recipes with a problem, skipped history lines.
 *
 * @example
 * ```ts
 * attention(data); // ["demo: quick and cold disagree on 1 commit(s)"]
 * ```
 */
export function attention(d: ReportData): string[] {
  return [
    ...(d.disk ?? []).filter((x) => x.level !== "ok").map((x) => `${x.role} ${x.path} is ${x.percent}% used (${x.level})`),
    ...(d.alerts?.length ? [`${d.alerts.length} open alert(s)`] : []),
    ...(d.history?.recipes ?? []).filter((r) => r.disagreements.length).map((r) => `${r.recipe}: quick and cold disagree on ${r.disagreements.length} run(s)`),
    ...(d.recipes ?? []).filter((r) => r.problem).map((r) => `${r.recipe}: ${r.problem}`),
    ...(d.history?.badLines ? [`${d.history.badLines} unreadable history line(s) skipped`] : []),
  ];
}

/**
 * The whole report page from its data: attention, canonicals, quick vs cold with disagreements,
 * disk, alerts, the last sweep. Self-contained: inline CSS and SVG, no script, nothing fetched.
 *
 * @example
 * ```ts
 * await writeFile("report.html", renderReport(data));
 * ```
 */
export function renderReport(d: ReportData): string {
  const att = attention(d);
  const body = [
    `<section id="attention" class="attention"><h2>Needs attention (${att.length})</h2>${att.length ? `<ul>${att.map((a) => `<li>${esc(a)}</li>`).join("")}</ul>` : "<p>Nothing.</p>"}</section>`,
    d.recipes ? canonicalsSection(d.recipes) : unreadable("canonicals", "Canonicals", d.failed.recipes ?? "?"),
    d.history ? lanesSection(d.history.recipes, { runs: d.history.runs }) : unreadable("lanes", "Quick vs cold", d.failed.history ?? "?"),
    d.disk ? diskSection(d.disk, d.holders, d.history?.disk ?? []) : unreadable("disk", "Disk", d.failed.disk ?? "?"),
    d.alerts ? alertsSection(d.alerts) : unreadable("alerts", "Open alerts", d.failed.alerts ?? "?"),
    d.sweep ? sweepSection(d.sweep) : unreadable("sweep", "Last sweep", d.failed.sweep ?? "?"),
  ].join("\n");
  const records = d.history ? `${d.history.records} run(s) in the history` : "history unreadable";
  return page({ title: "cc-warm report", subtitle: `state dir ${d.stateDir} · ${d.at} · ${records}`, body });
}
