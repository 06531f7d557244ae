import type { z } from "zod";
import type { Config } from "../config/types.ts";
import type { Graph } from "../runner/graph.ts";
import type { GraphRun } from "../runner/run.ts";
import type { ExitCodeValue } from "./exit-codes.ts";

/** What a command sees besides its parameters. */
export interface CommandEnv {
  /** The validated config. */
  config: Config;
  /** The config file it came from, if any. */
  configPath?: string;
  /** The process environment. */
  env: Record<string, string | undefined>;
}

/** How a run ends for the caller: the exit code and the fields of the final JSON result line. */
export interface Conclusion {
  exitCode: ExitCodeValue;
  /** Merged into the result object (e.g. mode, verdict, recipe, ref, canonical, rolledBack). */
  result: Record<string, unknown>;
  /** One human sentence for the summary on stderr. */
  summary: string;
}

/**
 * A named graph the CLI can run: its parameter schema (a strict zod object; keys are what users
 * type as `key=value`), how to build the graph, and how to read the run's outcome.
 */
export interface GraphCommand<P = any> {
  /** The graph name typed on the command line (`cc-warm <name>`). */
  name: string;
  /** One line for `cc-warm --help`. */
  summary: string;
  /** Parameters; every field should carry `.describe(…)` for `--help`. */
  params: z.ZodType<P>;
  /** Build the graph. Must have no side effects (also used for `--plan` and `--help`). */
  build(env: CommandEnv): Graph<P>;
  /**
   * Checks that need the config, run before any side effect (throw InputError / ConfigError).
   * Returning a conclusion ends the command without running the graph (e.g. fallback to cold).
   */
  precheck?(params: P, env: CommandEnv): void | Conclusion | Promise<void | Conclusion>;
  /** Turn the run into an exit code and result; default: passed → 0, cancelled → 5, else by error kind. */
  conclude?(run: GraphRun, params: P, env: CommandEnv): Conclusion | Promise<Conclusion>;
  /** Extra text for `cc-warm <name> --help` (examples). */
  examples?: string[];
}

/**
 * Declare a graph command (identity function that fixes the parameter type).
 *
 * @example
 * ```ts
 * export const hello: GraphCommand<{ name: string }> = defineCommand({
 *   name: "hello", summary: "say hello",
 *   params: z.strictObject({ name: z.string().describe("who to greet") }),
 *   build: () => defineGraph({ id: "hello", tasks: [defineTask({ id: "greet", run: (c) => c.log("hi") })] }),
 * });
 * ```
 */
export function defineCommand<P>(command: GraphCommand<P>): GraphCommand<P> {
  return command;
}
