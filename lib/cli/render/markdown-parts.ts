/**
 * Small pieces the markdown summaries share: escaping, a two-column table, timings.
 * @module
 */
import { formatDuration } from "./style.ts";

/**
 * Text safe inside a table cell: one line, `|` escaped, markdown control characters neutralised,
 * at most 300 characters (reasons quote child processes).
 *
 * @example
 * ```ts
 * cell("a | b\nc"); // "a \\| b c"
 * ```
 */
export function cell(value: unknown): string {
  const text = String(value ?? "").replace(/\s+/g, " ").trim();
  const short = text.length > 300 ? `${text.slice(0, 299)}…` : text;
  return short.replace(/([\\|*_`<>[\]])/g, "\\$1");
}

/**
 * Inline code for a ref, commit or name (backticks inside are dropped).
 *
 * @example
 * ```ts
 * code("refs/pull/12/head"); // "`refs/pull/12/head`"
 * ```
 */
export function code(value: unknown): string {
  const text = String(value ?? "").replace(/[`\s|]+/g, " ").trim().slice(0, 120);
  return text ? `\`${text}\`` : "(none)";
}

/**
 * The summary's heading: graph, verdict word, recipe.
 *
 * @example
 * ```ts
 * heading("quick", "PASS", "demo"); // "### cc-warm quick: PASS — demo"
 * ```
 */
export function heading(graph: string, word: string, recipe: unknown): string {
  return `### cc-warm ${graph}: ${word}${recipe ? ` — ${cell(recipe)}` : ""}`;
}

/**
 * A two-column table (no header text: it reads as a list of facts).
 *
 * @example
 * ```ts
 * table([["Mode", "quick"]]); // "| | |\n|---|---|\n| Mode | quick |\n"
 * ```
 */
export function table(rows: readonly (readonly [string, string])[]): string {
  return `| | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}\n`;
}

/**
 * Total duration and the slowest tasks (at most four, slowest first, ties by name), or "".
 *
 * @example
 * ```ts
 * timingsLine({ durationMs: 42000, timings: { upgrade: 30000, assert: 2000 } }); // "42.0s (upgrade 30.0s, assert 2.0s)"
 * ```
 */
export function timingsLine(result: Record<string, unknown>): string {
  if (typeof result.durationMs !== "number") return "";
  const timings = Object.entries((result.timings ?? {}) as Record<string, number>)
    .filter(([, ms]) => typeof ms === "number" && ms >= 1000)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 4);
  const parts = timings.map(([id, ms]) => `${cell(id)} ${formatDuration(ms)}`);
  return `${formatDuration(result.durationMs)}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/**
 * What the upgrade had to add (env keys, generated secrets), or "" when nothing or unknown.
 *
 * @example
 * ```ts
 * upgradeStepsLine({ addedEnv: ["SMTP_HOST"], generatedSecrets: [] }); // "added env `SMTP_HOST`"
 * ```
 */
export function upgradeStepsLine(steps: unknown): string {
  if (!steps || typeof steps !== "object") return "";
  const { addedEnv, generatedSecrets } = steps as { addedEnv?: unknown; generatedSecrets?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => code(typeof x === "string" ? x : (x as { name?: string })?.name ?? x)) : []);
  const env = list(addedEnv);
  const secrets = list(generatedSecrets);
  return [env.length ? `added env ${env.join(", ")}` : "", secrets.length ? `generated secrets ${secrets.join(", ")}` : ""].filter(Boolean).join("; ");
}

/**
 * The closing line: run id and exit code, small.
 *
 * @example
 * ```ts
 * runFooter({ runId: "0123456789abcdef", exitCode: 0 }); // "\n<sub>run 01234567 · exit 0</sub>\n"
 * ```
 */
export function runFooter(result: Record<string, unknown>): string {
  const run = typeof result.runId === "string" ? `run ${result.runId.slice(0, 8)} · ` : "";
  return `\n<sub>${run}exit ${cell(result.exitCode)}</sub>\n`;
}
