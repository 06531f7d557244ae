import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { esc, num } from "./escape.ts";
import { type ChartBox, emptyChart, figure, svgOpen } from "./frame.ts";

/** One point: when, how much, whether it failed, and its tooltip. */
export interface SeriesPoint {
  at: Date;
  value: number;
  failed?: boolean;
  label: string;
}

/** A named line of points. */
export interface Series {
  name: string;
  /** A CSS class (colours live in the page's stylesheet). */
  className: string;
  points: SeriesPoint[];
}

/** UTC tick labels at one precision for the whole axis: seconds, minutes, or days. */
const utcTick = (spanMs: number) => (t: Date): string => {
  const iso = t.toISOString();
  return spanMs <= 3_600_000 ? iso.slice(11, 19) : spanMs <= 2 * 86_400_000 ? iso.slice(11, 16) : iso.slice(5, 10);
};

const BOX: ChartBox = { width: 600, height: 240, margin: { top: 28, right: 16, bottom: 30, left: 60 } };

/**
 * A time-series chart as an SVG string: UTC time axis, value axis from 0, one line per series,
 * a dot per point (a cross where the run failed) with a tooltip, and a legend. Drawn with d3's
 * scales and line generator — no DOM needed, so it renders on the server in Node and Deno.
 *
 * @example
 * ```ts
 * timeSeriesChart("demo", [{ name: "quick", className: "quick", points }], { format: (v) => `${v}s` });
 * ```
 */
export function timeSeriesChart(title: string, series: readonly Series[], options: { format: (v: number) => string; empty?: string }): string {
  const { width, height, margin: m } = BOX;
  const all = series.flatMap((s) => s.points);
  if (!all.length) return figure(title, `${svgOpen(title, BOX, "time-series")}${emptyChart(options.empty ?? "no data yet", BOX)}</svg>`);
  const times = all.map((p) => p.at.getTime());
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  // Some room either side, so the first and last points are not drawn on the axes.
  const pad = t0 === t1 ? 3_600_000 : (t1 - t0) * 0.05;
  const x = scaleUtc().domain([new Date(t0 - pad), new Date(t1 + pad)]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, Math.max(...all.map((p) => p.value)) || 1]).nice().range([height - m.bottom, m.top]);
  const xTicks = x.ticks(5), yTicks = y.ticks(5), xFmt = utcTick(t1 - t0 + 2 * pad);
  const parts: string[] = [svgOpen(title, BOX, "time-series")];
  parts.push(`<g class="axis y">${yTicks.map((v) => `<line class="grid" x1="${m.left}" x2="${width - m.right}" y1="${num(y(v))}" y2="${num(y(v))}"/><text x="${m.left - 6}" y="${num(y(v))}" dy="0.32em" text-anchor="end">${esc(options.format(v))}</text>`).join("")}</g>`);
  parts.push(`<g class="axis x">${xTicks.map((t) => `<text x="${num(x(t))}" y="${height - m.bottom + 18}" text-anchor="middle">${esc(xFmt(t))}</text>`).join("")}<line x1="${m.left}" x2="${width - m.right}" y1="${height - m.bottom}" y2="${height - m.bottom}"/></g>`);
  const path = line<SeriesPoint>().x((p) => x(p.at)).y((p) => y(p.value));
  for (const s of series) {
    const pts = [...s.points].sort((a, b) => a.at.getTime() - b.at.getTime());
    parts.push(`<g class="series ${esc(s.className)}"><path d="${path(pts) ?? ""}" fill="none"/>`);
    for (const p of pts) {
      const [cx, cy] = [num(x(p.at)), num(y(p.value))];
      parts.push(p.failed
        ? `<path class="point failed" d="M${cx} ${cy}m-4 -4l8 8m0 -8l-8 8"><title>${esc(p.label)}</title></path>`
        : `<circle class="point" cx="${cx}" cy="${cy}" r="3.5"><title>${esc(p.label)}</title></circle>`);
    }
    parts.push("</g>");
  }
  parts.push(`<g class="legend">${series.map((s, i) => `<g class="series ${esc(s.className)}" transform="translate(${m.left + 8 + i * 140},14)"><line x1="0" x2="18" y1="0" y2="0"/><text x="24" y="0" dy="0.32em">${esc(s.name)}</text></g>`).join("")}</g>`);
  return figure(title, parts.join("") + "</svg>");
}
