import { esc } from "./escape.ts";

/** Size and margins of a chart. */
export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/**
 * Open an `<svg>` for a chart (fixed viewBox, scales with the page), with an accessible title.
 *
 * @example
 * ```ts
 * const svg = svgOpen("demo: quick vs cold", { width: 640, height: 240, margin: { top: 24, right: 16, bottom: 32, left: 56 } }) + "…</svg>";
 * ```
 */
export function svgOpen(title: string, box: ChartBox, kind: string): string {
  return `<svg class="chart ${esc(kind)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`;
}

/**
 * A chart with its visible caption (the page's figures are what a reader scans for).
 *
 * @example
 * ```ts
 * figure("demo: quick vs cold", svg);
 * ```
 */
export function figure(caption: string, svg: string): string {
  return `<figure class="chart-figure"><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;
}

/**
 * The "nothing to draw" body of a chart.
 *
 * @example
 * ```ts
 * emptyChart("no runs recorded yet", box);
 * ```
 */
export function emptyChart(message: string, box: ChartBox): string {
  return `<text class="empty" x="${box.width / 2}" y="${box.height / 2}" text-anchor="middle">${esc(message)}</text>`;
}
