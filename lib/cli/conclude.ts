import type { GraphRun } from "../runner/run.ts";
import type { SerializedError } from "../runner/types.ts";
import type { Conclusion } from "./command.ts";
import { ExitCode, type ExitCodeValue } from "./exit-codes.ts";

/**
 * The exit code an error deserves: bad input or config → 2, anything else → 3.
 * Looks through `TaskError` wrappers at the original error's name.
 *
 * @example
 * ```ts
 * exitCodeForError({ name: "InputError", message: "recipe: …" }); // 2
 * ```
 */
export function exitCodeForError(error: SerializedError | Error | undefined): ExitCodeValue {
  let e: SerializedError | Error | undefined = error;
  for (let depth = 0; e && depth < 3; depth++) {
    if (e.name === "InputError" || e.name === "ConfigError") return ExitCode.BadInput;
    if (e.name !== "TaskError") break;
    e = e.cause as SerializedError | undefined;
  }
  return ExitCode.InfraError;
}

/**
 * The default reading of a run: passed → 0, cancelled → 5, failed → by its first error.
 *
 * @example
 * ```ts
 * const { exitCode } = defaultConclusion(run);
 * ```
 */
export function defaultConclusion(run: GraphRun): Conclusion {
  if (run.status === "passed") return { exitCode: ExitCode.Passed, result: { verdict: "passed" }, summary: `${run.graph} passed` };
  if (run.status === "cancelled") {
    return { exitCode: ExitCode.Cancelled, result: { verdict: "cancelled" }, summary: `${run.graph} cancelled; teardown ran` };
  }
  const first = run.errors[0];
  return {
    exitCode: exitCodeForError(first),
    result: { verdict: "error" },
    summary: `${run.graph} failed: ${first?.message ?? "unknown error"}`,
  };
}
