import { esc } from "./charts/escape.ts";

const CSS = `
:root{--quick:#1f77b4;--cold:#9467bd;--fail:#d62728;--ok:#2ca02c;--warn:#ff7f0e;--ink:#1d2330;--muted:#5b6475;--line:#d9dde5}
*{box-sizing:border-box}body{font:14px/1.45 "DejaVu Sans",system-ui,sans-serif;color:var(--ink);margin:0;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c9cfdb}
main{padding:8px 28px 40px;max-width:1360px}section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 18px;margin:16px 0}
h2{font-size:16px;margin:4px 0 10px}h3{font-size:14px;margin:10px 0 4px}table{border-collapse:collapse;margin:6px 0}
th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line);vertical-align:top}th{color:var(--muted);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}.pass{color:var(--ok)}.fail,.error{color:var(--fail)}.muted{color:var(--muted)}
.attention li{color:#8a1c1c}.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{max-width:100%;height:auto;background:#fff}figure{margin:0}figcaption{font-weight:600;font-size:13px;margin:4px 0 2px}
.chart text{font-size:11px;fill:var(--ink)}.chart .axis line,.chart .grid{stroke:var(--line)}.chart .empty{fill:var(--muted);font-size:13px}
.series path{stroke-width:2}.series.quick path,.series.quick line{stroke:var(--quick)}.series.cold path,.series.cold line{stroke:var(--cold)}
.series.quick .point{fill:var(--quick)}.series.cold .point{fill:var(--cold)}.legend line{stroke-width:3}.series .point.failed{stroke:var(--fail);stroke-width:2.5;fill:none}
.series.state path,.series.state line{stroke:var(--ok)}.series.state .point{fill:var(--ok)}.series.docker path,.series.docker line{stroke:var(--warn);stroke-dasharray:6 3}.series.docker .point{fill:var(--warn)}
.bar rect{fill:#4c78a8}.bar.warn rect{fill:var(--warn)}.bar.prune rect{fill:var(--fail)}.bar.docker rect{fill:#72b7b2}.marker line{stroke:var(--fail);stroke-dasharray:4 3}.marker text{fill:var(--fail)}
`;

/**
 * The whole page around the sections' HTML: a strict Content-Security-Policy (no scripts, no
 * network, nothing fetched), the stylesheet inline, system fonts only.
 *
 * @example
 * ```ts
 * const html = page({ title: "cc-warm report", subtitle: "state dir /var/lib/ci-warm", body: "<section>…</section>" });
 * ```
 */
export function page(parts: { title: string; subtitle: string; body: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(parts.title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(parts.title)}</h1><p>${esc(parts.subtitle)}</p></header>
<main>${parts.body}</main></body></html>
`;
}

/**
 * A table from a header row and cells (cells are already-escaped HTML).
 *
 * @example
 * ```ts
 * table(["recipe", "size"], [[esc("demo"), "7 KiB"]]);
 * ```
 */
export function table(head: readonly string[], rows: readonly (readonly string[])[], options: { numeric?: number[] } = {}): string {
  const cls = (i: number) => (options.numeric?.includes(i) ? ' class="num"' : "");
  return `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}
