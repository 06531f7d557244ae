import { loadConfig } from "../config/load.ts";
import { recordResult } from "../history/record-result.ts";
import type { Config } from "../config/types.ts";
import { preflightDeployer } from "../deploy/abra-version.ts";
import { refusePythonLaneStateDir } from "../config/state-dir.ts";
import { ConfigError, InputError } from "../errors.ts";
import { serializeError } from "../runner/errors.ts";
import { runGraph } from "../runner/run.ts";
import type { EventSink, SerializedError } from "../runner/types.ts";
import type { CommandEnv, Conclusion, GraphCommand } from "./command.ts";
import { defaultConclusion, exitCodeForError } from "./conclude.ts";
import { ExitCode, type ExitCodeValue } from "./exit-codes.ts";
import { parseParams } from "./params.ts";

/** Options for {@linkcode runCommandGraph}. */
export interface RunCommandGraphOptions {
  /** The config (default: loaded from `configPath`, `$CC_WARM_CONFIG`, or defaults). */
  config?: Config;
  configPath?: string;
  /** Cancels the run: teardown still runs, and the result has exit code 5. */
  signal?: AbortSignal;
  onEvent?: EventSink;
  env?: Record<string, string | undefined>;
}

/**
 * The result of one command run: the object the CLI prints as its last line with `--json`, and
 * what library callers get back — for success and for failure alike. Command-specific fields
 * (mode, recipe, ref, rolledBack, upgradeSteps, …) sit beside the common ones.
 */
export interface CommandResult {
  type: "result";
  graph: string;
  exitCode: ExitCodeValue;
  /** passed, failed, error, cancelled, fallback, … */
  verdict: string;
  /** One human sentence (the CLI prints it on stderr). */
  summary: string;
  /** Absent when the run ended before its graph started (bad input, precheck, preflight). */
  runId?: string;
  status?: string;
  startedAt?: string;
  durationMs?: number;
  /** Per-task duration in ms. */
  timings?: Record<string, number>;
  /** Per-task final state. */
  tasks?: Record<string, string>;
  /** The graph's task errors. */
  errors?: SerializedError[];
  /** The error that ended the command before or outside its graph. */
  error?: SerializedError;
  /** Problems that did not change the outcome (e.g. the run history could not be written). */
  warnings?: string[];
  /** The original error (not serialised: JSON and history never see it). */
  readonly cause?: unknown;
  [field: string]: unknown;
}

/** The verdict a conclusion that names none implies. */
function verdictFor(exitCode: ExitCodeValue): string {
  return exitCode === ExitCode.Passed ? "passed" : exitCode === ExitCode.Cancelled ? "cancelled" : "error";
}

/** The exit code for an error that ended a command outside its graph. */
function exitCodeFor(error: unknown, signal: AbortSignal | undefined): ExitCodeValue {
  if (error instanceof InputError || error instanceof ConfigError) return ExitCode.BadInput;
  if (signal?.aborted) return ExitCode.Cancelled;
  return exitCodeForError(error as Error);
}

/**
 * The result for a command that an error ended before or outside its graph: bad input (2),
 * infrastructure (3), or a cancel while it waited (5). The original error is kept as `cause`.
 *
 * @example
 * ```ts
 * const result = errorResult("quick", new InputError("recipe", "must not be empty"));
 * result.exitCode; // 2
 * ```
 */
export function errorResult(graph: string, error: unknown, options: { signal?: AbortSignal } = {}): CommandResult {
  const code = exitCodeFor(error, options.signal);
  const e = serializeError(error);
  const cancelled = code === ExitCode.Cancelled;
  const result: CommandResult = { type: "result", graph, exitCode: code, verdict: cancelled ? "cancelled" : "error", summary: cancelled ? `${graph} cancelled: ${e.message}` : `${graph}: ${e.message}`, error: e };
  Object.defineProperty(result, "cause", { value: error, enumerable: false });
  return result;
}

async function withHistory(config: Config, result: CommandResult): Promise<CommandResult> {
  const problem = await recordResult(config, result);
  return problem ? { ...result, warnings: [...(result.warnings ?? []), problem] } : result;
}

/**
 * The one pipeline every command run goes through, from the CLI and from code, once its
 * parameters are valid: refuse a foreign state dir, preflight the deployer, precheck (which may
 * end it early, e.g. fall back to cold), run the graph, conclude (a cancelled run never reports
 * success), build the result, record it in the run history once. Never throws: every ending is
 * a {@linkcode CommandResult}.
 *
 * @example
 * ```ts
 * const result = await executeCommand(quickCommand, { recipe: "demo", ref: "v2" }, { config, env: process.env });
 * ```
 */
export async function executeCommand<P>(command: GraphCommand<P>, params: P, env: CommandEnv, options: { signal?: AbortSignal; onEvent?: EventSink } = {}): Promise<CommandResult> {
  const { signal } = options;
  let early: void | Conclusion;
  try {
    refusePythonLaneStateDir(env.config.stateDir);
    await preflightDeployer(env.config, { signal });
    early = await command.precheck?.(params, env);
  } catch (error) {
    return errorResult(command.name, error, { signal });
  }
  if (early) {
    return withHistory(env.config, { type: "result", graph: command.name, exitCode: early.exitCode, verdict: verdictFor(early.exitCode), ...early.result, summary: early.summary });
  }
  const run = await runGraph(command.build(env), params, { signal, onEvent: options.onEvent });
  let conclusion: Conclusion;
  try {
    conclusion = (await command.conclude?.(run, params, env)) ?? defaultConclusion(run);
  } catch (error) {
    conclusion = { exitCode: ExitCode.InfraError, result: { verdict: "error" }, summary: `could not read the run's outcome: ${(error as Error).message}` };
  }
  // A cancelled run never reports success, whatever its conclude made of it.
  const overruled = run.status === "cancelled" && conclusion.exitCode === ExitCode.Passed;
  const exitCode = overruled ? ExitCode.Cancelled : conclusion.exitCode;
  return withHistory(env.config, {
    type: "result",
    graph: run.graph,
    runId: run.runId,
    exitCode,
    status: run.status,
    verdict: verdictFor(exitCode),
    ...conclusion.result,
    ...(overruled ? { verdict: "cancelled" } : {}),
    summary: overruled ? `${run.graph} cancelled; teardown ran` : conclusion.summary,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    timings: Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.durationMs ?? 0])),
    tasks: Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.state])),
    errors: run.errors,
  });
}

/**
 * Run a graph command from code as the CLI would: validate `params` (strings or typed values),
 * then {@linkcode executeCommand}. The result is the object `cc-warm <graph> --json` prints
 * last — bad input (2), infrastructure errors (3) and cancels (5) included; it never throws.
 *
 * @example
 * ```ts
 * const result = await runCommandGraph(quickCommand, { recipe: "demo", ref: "v2" });
 * if (result.exitCode === 4) runCold();
 * ```
 */
export async function runCommandGraph<P>(command: GraphCommand<P>, params: Record<string, unknown>, options: RunCommandGraphOptions = {}): Promise<CommandResult> {
  let env: CommandEnv;
  let parsed: P;
  try {
    const envVars = options.env ?? process.env;
    const config = options.config ?? loadConfig({ path: options.configPath, env: envVars });
    env = { config, configPath: options.configPath, env: envVars };
    parsed = parseParams(command.params, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : String(v)])));
  } catch (error) {
    return errorResult(command.name, error, { signal: options.signal });
  }
  return executeCommand(command, parsed, env, { signal: options.signal, onEvent: options.onEvent });
}
