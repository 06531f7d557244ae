/**
 * Escaping for the report page: every string that comes from state (recipe names, refs, reasons,
 * alert text) goes through `esc` before it lands in HTML text, an attribute or SVG.
 * @module
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for HTML/SVG content and quoted attribute values; control characters (terminal
 * escapes, bidi overrides) become spaces.
 *
 * @example
 * ```ts
 * esc(`<script>alert("x")</script>`); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 * ```
 */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A number for an SVG coordinate: at most one decimal, never NaN.
 *
 * @example
 * ```ts
 * num(12.3456); // "12.3"
 * ```
 */
export function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : "0";
}
