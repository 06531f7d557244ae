import { loadConfig } from "../config/load.ts";
import { recordResult } from "../history/record-result.ts";
import type { Config } from "../config/types.ts";
import { preflightDeployer } from "../deploy/abra-version.ts";
import { refusePythonLaneStateDir } from "../config/state-dir.ts";
import { runGraph } from "../runner/run.ts";
import type { EventSink } from "../runner/types.ts";
import type { CommandEnv, Conclusion, GraphCommand } from "./command.ts";
import { defaultConclusion } from "./conclude.ts";
import { parseParams } from "./params.ts";

/** Options for {@linkcode runCommandGraph}. */
export interface RunCommandGraphOptions {
  /** The config (default: loaded from `configPath`, `$CC_WARM_CONFIG`, or defaults). */
  config?: Config;
  configPath?: string;
  signal?: AbortSignal;
  onEvent?: EventSink;
  env?: Record<string, string | undefined>;
}

/** What a command run gives a library caller: the same object the CLI prints last with `--json`. */
export interface CommandOutcome extends Conclusion {
  /** The run's id and per-task states (absent when the precheck ended it early). */
  runId?: string;
  tasks?: Record<string, string>;
  durationMs?: number;
}

/**
 * Run a graph command from code as the CLI would: validate `params` (strings or typed values),
 * precheck (which may end it early, e.g. fallback to cold), run the graph, conclude.
 *
 * @example
 * ```ts
 * const outcome = await runCommandGraph(quickCommand, { recipe: "demo", ref: "v2" });
 * if (outcome.exitCode === 4) runCold();
 * ```
 */
export async function runCommandGraph<P>(command: GraphCommand<P>, params: Record<string, unknown>, options: RunCommandGraphOptions = {}): Promise<CommandOutcome> {
  const envVars = options.env ?? process.env;
  const config = options.config ?? loadConfig({ path: options.configPath, env: envVars });
  const env: CommandEnv = { config, configPath: options.configPath, env: envVars };
  const parsed = parseParams(command.params, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : String(v)])));
  refusePythonLaneStateDir(config.stateDir);
  await preflightDeployer(config, { signal: options.signal });
  const early = await command.precheck?.(parsed, env);
  if (early) {
    await recordResult(config, { graph: command.name, exitCode: early.exitCode, ...early.result });
    return early;
  }
  const run = await runGraph(command.build(env), parsed, { signal: options.signal, onEvent: options.onEvent });
  const conclusion = (await command.conclude?.(run, parsed, env)) ?? defaultConclusion(run);
  const timings = Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.durationMs ?? 0]));
  await recordResult(config, { graph: run.graph, runId: run.runId, exitCode: conclusion.exitCode, ...conclusion.result, durationMs: run.durationMs, timings });
  return {
    ...conclusion,
    runId: run.runId,
    durationMs: run.durationMs,
    tasks: Object.fromEntries(Object.values(run.tasks).map((t) => [t.id, t.state])),
  };
}
