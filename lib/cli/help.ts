import type { CommandEnv, GraphCommand } from "./command.ts";
import { planGraph } from "../runner/plan.ts";
import { paramInfo } from "./params.ts";

const EXIT_CODES = `Exit codes:
  0  passed
  1  verdict failed (and rolled back / cleaned up cleanly)
  2  bad input or config (nothing was done)
  3  infrastructure error, including a failed rollback (a human must look)
  4  fallback to cold needed (no canonical, or no healthy warm Keycloak; nothing was done)
  5  cancelled (SIGINT/SIGTERM; teardown ran)`;

/**
 * The top-level help text: usage, graphs, flags, exit codes.
 *
 * @example
 * ```ts
 * console.log(generalHelp(commands));
 * ```
 */
export function generalHelp(commands: readonly GraphCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `cc-warm — the warm-data lane for Co-op Cloud recipe CI

Usage: cc-warm <graph> [key=value …] [--json] [--plan] [--config FILE]
       cc-warm <graph> --help

Graphs:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Flags:
  --json         JSON Lines on stdout (events, then the result object last); human text on stderr
  --plan         print the resolved task order and exit without running anything
  --config FILE  config file (default: $CC_WARM_CONFIG, else built-in defaults)
  --help, -h     this help, or a graph's parameters and tasks
  --version, -V  print the version

${EXIT_CODES}
`;
}

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

Usage: cc-warm ${command.name}${params.map((p) => (p.required ? ` ${p.key}=…` : ` [${p.key}=…]`)).join("")} [--json] [--plan]

Parameters:
${lines.join("\n") || "  (none)"}

Tasks:
${tasks.join("\n")}
${command.examples?.length ? `\nExamples:\n${command.examples.map((e) => `  ${e}`).join("\n")}\n` : ""}
${EXIT_CODES}
`;
}
