import { cpus, loadavg, totalmem } from "node:os";

/** One benchmark row: ours vs a baseline measured in the same run. */
export interface BenchRow {
  name: string;
  what: string;
  ours: number;
  baseline: number;
  unit: string;
  /** ours / baseline (lower is better unless `higherIsBetter`). */
  ratio: number;
  /** The target ratio from the issue, e.g. "<= 1.0". */
  target: string;
  met: boolean;
  notes?: string;
}

/** The machine the numbers came from, with its load average (1, 5, 15 min) when asked. */
export function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    platform: `${process.platform}/${process.arch}`,
    loadavg: loadavg().map((l) => l.toFixed(2)).join(" "),
  };
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Build a row with a `<=`/`>=` target. */
export function row(name: string, what: string, ours: number, baseline: number, unit: string, target: { op: "<=" | ">="; value: number }, notes?: string): BenchRow {
  const ratio = ours / baseline;
  const met = target.op === "<=" ? ratio <= target.value : ratio >= target.value;
  return { name, what, ours, baseline, unit, ratio, target: `${target.op} ${target.value}`, met, ...(notes ? { notes } : {}) };
}

/** Print rows as an aligned table. */
export function printTable(rows: BenchRow[]): string {
  const head = ["benchmark", "what", "ours", "baseline", "ratio", "target", "met", "notes"];
  const cells = rows.map((r) => [
    r.name, r.what, `${r.ours.toFixed(1)} ${r.unit}`, `${r.baseline.toFixed(1)} ${r.unit}`, r.ratio.toFixed(3), r.target, r.met ? "yes" : "NO", r.notes ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
