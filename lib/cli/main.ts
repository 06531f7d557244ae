import { loadConfig } from "../config/load.ts";
import { configSchema } from "../config/schema.ts";
import type { Config } from "../config/types.ts";
import { InputError } from "../errors.ts";
import { planGraph } from "../runner/plan.ts";
import type { EventSink } from "../runner/types.ts";
import { VERSION } from "../version.ts";
import { parseCliArgs } from "./args.ts";
import { runConfigCommand } from "./config-command.ts";
import type { CommandEnv, GraphCommand } from "./command.ts";
import { errorResult, executeCommand } from "./run-command.ts";
import { ExitCode } from "./exit-codes.ts";
import { commandHelp } from "./help.ts";
import { generalHelp } from "./help-general.ts";
import { parseParams } from "./params.ts";
import { humanRenderer } from "./render/human.ts";
import { jsonlSink } from "./render/jsonl.ts";
import { MARKDOWN_GRAPHS, renderMarkdown } from "./render/markdown.ts";
import { formatDuration } from "./render/style.ts";

/** A command, or a catalog entry that loads it on demand. */
export type CommandSource = GraphCommand | { name: string; summary: string; load(): Promise<GraphCommand> };

/** Where the CLI writes and what it knows about its terminal. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal (live progress). */
  isTTY: boolean;
  /** Cancels the run (wired to SIGINT/SIGTERM by cli.ts). */
  signal?: AbortSignal;
}

/**
 * Run the CLI with `argv` (without the program name) and return the exit code. Bad arguments
 * and config are rejected before any side effect.
 *
 * @example
 * ```ts
 * const code = await runCli(["quick", "recipe=demo", "--json"], commands, io);
 * ```
 */
export async function runCli(argv: readonly string[], commands: readonly CommandSource[], io: CliIO): Promise<number> {
  let json = argv.includes("--json");
  let graphName = "cc-warm";
  // Errors before the pipeline (arguments, config) print the same result shape it returns.
  const fail = (error: unknown) => {
    const result = errorResult(graphName, error, { signal: io.signal });
    io.stderr(`cc-warm: ${result.error?.message}\n`);
    if (json) io.stdout(JSON.stringify(result) + "\n");
    return result.exitCode;
  };
  try {
    if (argv[0] === "config") return runConfigCommand(argv.slice(1), io);
    const args = parseCliArgs(argv);
    json = args.json;
    if (args.version) return io.stdout(`cc-warm ${VERSION}\n`), ExitCode.Passed;
    if (!args.graph) {
      (args.help ? io.stdout : io.stderr)(generalHelp(commands));
      return args.help ? ExitCode.Passed : ExitCode.BadInput;
    }
    const entry = commands.find((c) => c.name === args.graph);
    if (!entry) {
      throw new InputError("graph", `unknown graph "${args.graph.slice(0, 40)}" (known: ${commands.map((c) => c.name).join(", ")})`);
    }
    graphName = entry.name;
    const command = "load" in entry ? await entry.load() : entry;
    if (args.format && !MARKDOWN_GRAPHS.includes(command.name)) throw new InputError("--format", `markdown summaries are for ${MARKDOWN_GRAPHS.join(", ")}, not ${command.name}`);
    if (args.help) {
      io.stdout(commandHelp(command, { config: loadConfigForHelp(args.config, io.env), env: io.env }));
      return ExitCode.Passed;
    }
    const configPath = args.config ?? io.env.CC_WARM_CONFIG;
    const config = loadConfig({ path: configPath, env: io.env });
    const env: CommandEnv = { config, configPath, env: io.env };
    const params = parseParams(command.params, args.params);
    const graph = command.build(env);
    if (args.plan) {
      const plan = planGraph(graph);
      if (json) io.stdout(JSON.stringify({ type: "plan", graph: graph.id, tasks: plan }) + "\n");
      else io.stdout(plan.map((t) => `${t.level}  ${"  ".repeat(t.level)}${t.id}${t.rule === "success" ? "" : ` [${t.rule}]`}`).join("\n") + "\n");
      return ExitCode.Passed;
    }
    return await execute(command, params, env, io, json, args.format === "markdown");
  } catch (error) {
    return fail(error);
  }
}

/** Run through the one command pipeline, rendering events as they come and the result at the end. */
async function execute(command: GraphCommand, params: unknown, env: CommandEnv, io: CliIO, json: boolean, markdown: boolean): Promise<number> {
  const color = !io.env.NO_COLOR && io.isTTY;
  const human = json ? undefined : humanRenderer({ write: io.stderr, live: io.isTTY && io.env.TERM !== "dumb", color });
  const sinks: EventSink[] = [];
  if (json) sinks.push(jsonlSink(io.stdout));
  if (human) sinks.push(human.sink);
  const result = await executeCommand(command, params, env, { signal: io.signal, onEvent: (e) => sinks.forEach((s) => s(e)) });
  human?.close();
  for (const w of result.warnings ?? []) io.stderr(`cc-warm: warning: ${w}\n`);
  if (result.error) io.stderr(`cc-warm: ${result.error.message}\n`);
  if (json) io.stdout(JSON.stringify(result) + "\n");
  if (markdown && !result.error) io.stdout(renderMarkdown(result));
  const took = result.durationMs === undefined ? "" : `${formatDuration(result.durationMs)}, `;
  if (!result.error) io.stderr(`${result.summary} (${took}exit ${result.exitCode})\n`);
  return result.exitCode;
}

function loadConfigForHelp(path: string | undefined, env: Record<string, string | undefined>): Config {
  try {
    return loadConfig({ path: path ?? env.CC_WARM_CONFIG, env });
  } catch {
    return configSchema.parse({});
  }
}
