import { formatBytes } from "../../lib/cli/render/style.ts";
import type { DiskStatus } from "../status/types.ts";
import { barChart } from "./charts/bars.ts";
import { esc } from "./charts/escape.ts";
import { timeSeriesChart } from "./charts/time-series.ts";
import type { DiskHolder } from "./holders.ts";
import type { DiskPoint } from "./history.ts";

const series = (points: readonly DiskPoint[], key: "stateDirPercent" | "dockerRootPercent") =>
  points.filter((p) => p[key] !== undefined).map((p) => ({ at: new Date(p.at), value: p[key]!, label: `${p[key]}% used at ${p.at}` }));

/**
 * Disk: use of the state dir's and Docker's filesystems against the warn/prune thresholds, use
 * over time (recorded with each run), and what holds the space.
 *
 * @example
 * ```ts
 * const html = diskSection(report.disk ?? [], report.holders ?? [], history.disk);
 * ```
 */
export function diskSection(disk: readonly DiskStatus[], holders: readonly DiskHolder[] | undefined, points: readonly DiskPoint[]): string {
  const d0 = disk[0];
  const use = barChart("filesystem use (%)", disk.map((d) => ({ label: `${d.role} ${d.path}`, value: d.percent, text: `${d.percent}% of ${formatBytes(d.totalBytes)} (${d.level})`, className: d.level === "ok" ? "" : d.level })), {
    max: 100,
    markers: d0 ? [{ value: d0.warnAtPercent, label: `warn ${d0.warnAtPercent}%` }, { value: d0.pruneAtPercent, label: `prune ${d0.pruneAtPercent}%` }] : [],
  });
  const overTime = timeSeriesChart("filesystem use over time (%), as each run ended", [
    { name: "stateDir", className: "state", points: series(points, "stateDirPercent") },
    { name: "dockerRoot", className: "docker", points: series(points, "dockerRootPercent") },
  ], { format: (v) => `${v}%`, empty: "no run recorded yet" });
  const held = holders
    ? barChart("what holds the space", holders.slice(0, 14).map((h) => ({ label: h.what, value: h.bytes, text: formatBytes(h.bytes), className: h.what.startsWith("docker:") ? "docker" : "" })), { empty: "the state dir is empty" })
    : '<p class="muted">Could not measure what holds the space.</p>';
  return `<section id="disk"><h2>Disk</h2><div class="charts">${use}${overTime}${held}</div>
<p class="muted">State dir entries by allocated size (a recipe's entry is its known-good snapshot); Docker's from <code>docker system df</code>. ${esc(disk.map((d) => `${d.role}: ${formatBytes(d.freeBytes)} free`).join("; "))}</p></section>`;
}
