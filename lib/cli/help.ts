import type { CommandEnv, GraphCommand } from "./command.ts";
import { EXIT_CODES } from "./help-general.ts";
import { planGraph } from "../runner/plan.ts";
import { paramInfo } from "./params.ts";
import { MARKDOWN_GRAPHS } from "./render/markdown.ts";

/**
 * Help for one graph: parameters (from its schema) and tasks (from its graph).
 *
 * @example
 * ```ts
 * console.log(commandHelp(quick, env));
 * ```
 */
export function commandHelp(command: GraphCommand, env: CommandEnv): string {
  const params = paramInfo(command.params);
  const width = Math.max(4, ...params.map((p) => p.key.length));
  const plan = planGraph(command.build(env));
  const lines = params.map((p) => {
    const tail = p.required ? " (required)" : p.default !== undefined ? ` (default: ${JSON.stringify(p.default)})` : " (optional)";
    return `  ${p.key.padEnd(width)}  ${p.description}${tail}`;
  });
  const tasks = plan.map((t) => {
    const rule = t.rule === "success" ? "" : ` [${t.rule}]`;
    const needs = t.needs.length ? ` ← ${t.needs.join(", ")}` : "";
    return `  ${"  ".repeat(t.level)}${t.id}${rule}${needs}${t.description ? ` — ${t.description}` : ""}`;
  });
  return `cc-warm ${command.name} — ${command.summary}

Usage: cc-warm ${command.name}${params.map((p) => (p.required ? ` ${p.key}=…` : ` [${p.key}=…]`)).join("")} ${MARKDOWN_GRAPHS.includes(command.name) ? "[--json | --format=markdown]" : "[--json]"} [--plan]

Parameters:
${lines.join("\n") || "  (none)"}

Tasks:
${tasks.join("\n")}
${command.examples?.length ? `\nExamples:\n${command.examples.map((e) => `  ${e}`).join("\n")}\n` : ""}
${EXIT_CODES}
`;
}
