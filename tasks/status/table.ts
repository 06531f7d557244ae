/**
 * Plain-text helpers for the status view: aligned columns, ages, and strings made safe for a
 * terminal (values come from files other processes wrote).
 * @module
 */

/**
 * Replace control characters (newlines, escapes) so a value stays on its line and cannot
 * drive the terminal; cut it at `max` characters.
 *
 * @example
 * ```ts
 * safeText("a\nb\x1b[2J"); // "a b [2J"
 * ```
 */
export function safeText(value: unknown, max: number = 80): string {
  const s = String(value ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Align rows into columns separated by two spaces (the last column is not padded).
 *
 * @example
 * ```ts
 * formatTable([["recipe", "dirty"], ["demo", "no"]]); // ["recipe  dirty", "demo    no"]
 * ```
 */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(widths[i]! - [...c].length))).join("  ").trimEnd());
}

/**
 * A coarse age for people: `45s`, `12m`, `3h05m`, `2d04h`.
 *
 * @example
 * ```ts
 * formatAge(93_600); // "1d02h"
 * ```
 */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  const pad = (n: number): string => String(n).padStart(2, "0");
  if (s < 86_400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${pad(Math.floor((s % 86_400) / 3600))}h`;
}

/**
 * Seconds from an ISO time to `now` (undefined for a missing or unparsable time).
 *
 * @example
 * ```ts
 * secondsSince("2025-01-01T00:00:00Z", new Date("2025-01-01T00:01:00Z")); // 60
 * ```
 */
export function secondsSince(iso: string | undefined, now: Date): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : (now.getTime() - t) / 1000;
}
