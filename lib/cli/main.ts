import { loadConfig } from "../config/load.ts";
import { preflightDeployer } from "../deploy/abra-version.ts";
import { recordResult } from "../history/record-result.ts";
import { configSchema } from "../config/schema.ts";
import { refusePythonLaneStateDir } from "../config/state-dir.ts";
import type { Config } from "../config/types.ts";
import { ConfigError, InputError } from "../errors.ts";
import { planGraph } from "../runner/plan.ts";
import { runGraph } from "../runner/run.ts";
import { serializeError } from "../runner/errors.ts";
import type { EventSink } from "../runner/types.ts";
import { VERSION } from "../version.ts";
import { parseCliArgs } from "./args.ts";
import { runConfigCommand } from "./config-command.ts";
import type { CommandEnv, Conclusion, GraphCommand } from "./command.ts";
import { defaultConclusion, exitCodeForError } from "./conclude.ts";
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
  const fail = (code: number, error: unknown) => {
    const e = serializeError(error);
    io.stderr(`cc-warm: ${e.message}\n`);
    if (json) io.stdout(JSON.stringify({ type: "result", exitCode: code, verdict: "error", error: e }) + "\n");
    return code;
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
    refusePythonLaneStateDir(config.stateDir);
    await preflightDeployer(config, { signal: io.signal });
    const early = await command.precheck?.(params, env);
    if (early) {
      const result = { type: "result", graph: command.name, exitCode: early.exitCode, ...early.result };
      warnIfNotRecorded(io, await recordResult(config, result));
      if (json) io.stdout(JSON.stringify(result) + "\n");
      if (args.format) io.stdout(renderMarkdown(result));
      io.stderr(`${early.summary} (exit ${early.exitCode})\n`);
      return early.exitCode;
    }
    return await execute(command, params, env, io, json, args.format === "markdown");
  } catch (error) {
    const code = error instanceof InputError || error instanceof ConfigError ? ExitCode.BadInput : exitCodeForError(error as Error);
    return fail(code, error);
  }
}

async function execute(command: GraphCommand, params: unknown, env: CommandEnv, io: CliIO, json: boolean, markdown: boolean): Promise<number> {
  const color = !io.env.NO_COLOR && io.isTTY;
  const human = json ? undefined : humanRenderer({ write: io.stderr, live: io.isTTY && io.env.TERM !== "dumb", color });
  const sinks: EventSink[] = [];
  if (json) sinks.push(jsonlSink(io.stdout));
  if (human) sinks.push(human.sink);
  const run = await runGraph(command.build(env), params, {
    signal: io.signal,
    onEvent: (e) => sinks.forEach((s) => s(e)),
  });
  human?.close();
  let conclusion: Conclusion;
  try {
    conclusion = (await command.conclude?.(run, params, env)) ?? defaultConclusion(run);
  } catch (error) {
    conclusion = { exitCode: ExitCode.InfraError, result: { verdict: "error" }, summary: `could not read the run's outcome: ${(error as Error).message}` };
  }
  if (run.status === "cancelled" && conclusion.exitCode === ExitCode.Passed) conclusion.exitCode = ExitCode.Cancelled;
  const timings = Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.durationMs ?? 0]));
  const result = {
    type: "result",
    graph: run.graph,
    runId: run.runId,
    exitCode: conclusion.exitCode,
    status: run.status,
    ...conclusion.result,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    timings,
    tasks: Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.state])),
    errors: run.errors,
  };
  warnIfNotRecorded(io, await recordResult(env.config, result));
  if (json) io.stdout(JSON.stringify(result) + "\n");
  if (markdown) io.stdout(renderMarkdown(result));
  io.stderr(`${conclusion.summary} (${formatDuration(run.durationMs)}, exit ${conclusion.exitCode})\n`);
  return conclusion.exitCode;
}

function warnIfNotRecorded(io: CliIO, problem: string | undefined): void {
  if (problem) io.stderr(`cc-warm: warning: ${problem}\n`);
}

function loadConfigForHelp(path: string | undefined, env: Record<string, string | undefined>): Config {
  try {
    return loadConfig({ path: path ?? env.CC_WARM_CONFIG, env });
  } catch {
    return configSchema.parse({});
  }
}
