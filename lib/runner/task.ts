import type { LogLevel, RetryPolicy, TaskState, TriggerRule } from "./types.ts";

/** What a running task can see and do. `P` is the graph's parameter type. */
export interface TaskContext<P = unknown> {
  /** The run's validated parameters. */
  readonly params: P;
  /** Aborted on cancellation or timeout; teardown tasks get a signal bound to their own deadline. */
  readonly signal: AbortSignal;
  /** The run id (unique per run). */
  readonly runId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** True once the run has been cancelled (teardown tasks still run). */
  readonly cancelled: boolean;
  /** The typed output of a task this one needs (undefined if it did not succeed). */
  output<O>(task: Task<never, O> | Task<P, O>): O | undefined;
  /** The state of any task of the run. */
  stateOf(id: string | Task<never, unknown>): TaskState;
  /** Emit a log event for this task. */
  log(message: string, level?: LogLevel): void;
  /** Emit a progress event for this task. */
  progress(done: number, total?: number, unit?: string, message?: string): void;
  /** Register a secret value: it is masked as `***` in every event and error from now on. */
  secret(value: string): void;
}

/** A unit of work in a graph. Build with {@linkcode defineTask}. */
export interface Task<P = unknown, O = unknown> {
  readonly id: string;
  /** Ids of tasks that must reach a terminal state first. */
  readonly needs: readonly string[];
  readonly rule: TriggerRule;
  /** Per-attempt timeout in ms. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** One line for `--plan` and `--help`. */
  readonly description?: string;
  run(ctx: TaskContext<P>): O | Promise<O>;
}

/** The input to {@linkcode defineTask}: `needs` may name tasks by id or by object. */
export interface TaskSpec<P, O> {
  id: string;
  needs?: ReadonlyArray<string | Task<never, unknown> | Task<P, unknown>>;
  rule?: TriggerRule;
  timeoutMs?: number;
  retry?: RetryPolicy;
  description?: string;
  run(ctx: TaskContext<P>): O | Promise<O>;
}

/**
 * Define a task. `needs` may list ids or task objects; outputs of needed tasks are read with
 * `ctx.output(task)`, which carries the needed task's output type.
 *
 * @example
 * ```ts
 * const lock = defineTask({ id: "lock", run: () => ({ token: "t" }) });
 * const work = defineTask({ id: "work", needs: [lock], run: (ctx) => ctx.output(lock)?.token });
 * const unlock = defineTask({ id: "unlock", needs: [work], rule: "always", run: () => {} });
 * ```
 */
export function defineTask<P = unknown, O = unknown>(spec: TaskSpec<P, O>): Task<P, O> {
  if (!spec.id || typeof spec.id !== "string") throw new TypeError("a task needs a non-empty string id");
  if (spec.retry && (!Number.isInteger(spec.retry.attempts) || spec.retry.attempts < 1)) {
    throw new TypeError(`task "${spec.id}": retry.attempts must be an integer >= 1`);
  }
  if (spec.timeoutMs !== undefined && !(spec.timeoutMs > 0)) {
    throw new TypeError(`task "${spec.id}": timeoutMs must be > 0`);
  }
  return {
    id: spec.id,
    needs: (spec.needs ?? []).map((n) => (typeof n === "string" ? n : n.id)),
    rule: spec.rule ?? "success",
    timeoutMs: spec.timeoutMs,
    retry: spec.retry,
    description: spec.description,
    run: spec.run,
  };
}
