import type { SerializedError } from "./types.ts";

/**
 * A graph definition is invalid (duplicate ids, unknown needs, a cycle).
 * `ids` names the offending task ids.
 *
 * @example
 * ```ts
 * try { defineGraph({ id: "g", tasks: [] }); } catch (e) { if (e instanceof GraphDefinitionError) console.log(e.ids); }
 * ```
 */
export class GraphDefinitionError extends Error {
  override name = "GraphDefinitionError";
  /** The task ids at fault. */
  readonly ids: string[];
  constructor(message: string, ids: string[]) {
    super(message);
    this.ids = ids;
  }
}

/**
 * A task exceeded its timeout.
 *
 * @example
 * ```ts
 * const err = new TaskTimeoutError("deploy", 5000);
 * console.log(err.message); // task "deploy" timed out after 5000 ms
 * ```
 */
export class TaskTimeoutError extends Error {
  override name = "TimeoutError";
  /** The task that timed out. */
  readonly task: string;
  /** The timeout in ms. */
  readonly timeoutMs: number;
  constructor(task: string, timeoutMs: number) {
    super(`task "${task}" timed out after ${timeoutMs} ms`);
    this.task = task;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * One aggregate error for a run: `errors` holds each failed task's error, each wrapped with the
 * task id and the original kept as `cause`.
 *
 * @example
 * ```ts
 * const run = await runGraph(graph, {});
 * if (run.status !== "passed") throw new GraphRunError(run, []);
 * ```
 */
export class GraphRunError extends AggregateError {
  override name = "GraphRunError";
  /** The run's serialisable result. */
  readonly result: import("./types.ts").RunResult;
  constructor(result: import("./types.ts").RunResult, errors: Error[]) {
    super(errors, `graph "${result.graph}" ${result.status}: ${errors.map((e) => e.message).join("; ") || "no task error"}`);
    this.result = result;
  }
}

/**
 * Error wrapping one task's failure; the original error is its `cause`.
 *
 * @example
 * ```ts
 * const e = new TaskError("deploy", new Error("boom"));
 * console.log(e.message); // task "deploy" failed: boom
 * ```
 */
export class TaskError extends Error {
  override name = "TaskError";
  /** The task that failed. */
  readonly task: string;
  constructor(task: string, cause: unknown) {
    super(`task "${task}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.task = task;
  }
}

/**
 * Turn any thrown value into a plain, JSON-safe error record (following `cause` two levels deep).
 *
 * @example
 * ```ts
 * serializeError(new Error("x")); // { name: "Error", message: "x" }
 * ```
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name, message: error.message };
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") out.code = code;
    if (error.cause !== undefined && depth < 2) out.cause = serializeError(error.cause, depth + 1);
    return out;
  }
  return { name: "Error", message: String(error) };
}
