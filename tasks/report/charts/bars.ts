import { scaleBand, scaleLinear } from "d3-scale";
import { esc, num } from "./escape.ts";
import { type ChartBox, emptyChart, figure, svgOpen } from "./frame.ts";

/** One bar: its label, length, the text shown at its end, and a CSS class. */
export interface Bar {
  label: string;
  value: number;
  text: string;
  className?: string;
}

/**
 * A horizontal bar chart as an SVG string (labels left, bars scaled to the largest value or to
 * `max`, value text at the end), with optional vertical marker lines (e.g. warn/prune thresholds).
 *
 * @example
 * ```ts
 * barChart("known-good size", [{ label: "demo", value: 7300, text: "7.1 KiB" }]);
 * ```
 */
export function barChart(title: string, bars: readonly Bar[], options: { max?: number; markers?: { value: number; label: string }[]; empty?: string } = {}): string {
  const box: ChartBox = { width: 600, height: 36 + Math.max(1, bars.length) * 28, margin: { top: 22, right: 110, bottom: 8, left: 170 } };
  const { width, height, margin: m } = box;
  if (!bars.length) return figure(title, `${svgOpen(title, box, "bars")}${emptyChart(options.empty ?? "nothing to show", box)}</svg>`);
  const x = scaleLinear().domain([0, options.max ?? (Math.max(...bars.map((b) => b.value)) || 1)]).range([m.left, width - m.right]);
  const y = scaleBand<number>().domain(bars.map((_, i) => i)).range([m.top, height - m.bottom]).padding(0.25);
  const parts = [svgOpen(title, box, "bars")];
  bars.forEach((b, i) => {
    const top = y(i)!, h = y.bandwidth(), w = Math.max(1, x(Math.min(b.value, x.domain()[1]!)) - m.left);
    parts.push(`<g class="bar ${esc(b.className ?? "")}"><text class="label" x="${m.left - 8}" y="${num(top + h / 2)}" dy="0.32em" text-anchor="end">${esc(b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label)}</text><rect x="${m.left}" y="${num(top)}" width="${num(w)}" height="${num(h)}"><title>${esc(`${b.label}: ${b.text}`)}</title></rect><text class="value" x="${num(m.left + w + 6)}" y="${num(top + h / 2)}" dy="0.32em">${esc(b.text)}</text></g>`);
  });
  // Markers' labels alternate sides of their line, so two close thresholds stay readable.
  (options.markers ?? []).forEach((mk, i) => {
    const [anchor, dx] = i % 2 ? ["start", 3] : ["end", -3];
    parts.push(`<g class="marker"><line x1="${num(x(mk.value))}" x2="${num(x(mk.value))}" y1="${m.top - 6}" y2="${height - m.bottom}"/><text x="${num(x(mk.value) + dx)}" y="${m.top - 9}" text-anchor="${anchor}">${esc(mk.label)}</text></g>`);
  });
  return figure(title, parts.join("") + "</svg>");
}
