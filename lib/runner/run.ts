import { randomUUID } from "node:crypto";
import { GraphRunError, serializeError, TaskError, TaskTimeoutError } from "./errors.ts";
import type { Graph } from "./graph.ts";
import { Redactor } from "./redact.ts";
import { decideTrigger } from "./trigger.ts";
import type { Task, TaskContext } from "./task.ts";
import type { EventSink, RunEvent, RunResult, SerializedError, SkipReason, TaskReport, TaskState } from "./types.ts";
import { abortPromise, delay } from "./wait.ts";

/** Options for {@linkcode runGraph}. */
export interface RunOptions {
  /** Cancels the run: running tasks are aborted, teardown (`failure`/`always`) tasks still run. */
  signal?: AbortSignal;
  /** Receives every event. */
  onEvent?: EventSink;
  /** Overrides the graph's concurrency bound. */
  concurrency?: number;
  /** Overrides the graph's teardown deadline. */
  teardownDeadlineMs?: number;
  /** How long to wait for an aborted task to settle before moving on (default 5 000 ms). */
  abortGraceMs?: number;
  /** Secrets known up front, masked in all events and errors. */
  secrets?: Iterable<string>;
  /** A run id (default: a random UUID). */
  runId?: string;
}

/** The outcome of a run: the serialisable {@linkcode RunResult} plus typed access to outputs. */
export interface GraphRun extends RunResult {
  /** The output of a task that succeeded (non-enumerable: not part of the JSON). */
  output<O>(task: Task<never, O> | Task<any, O> | string): O | undefined;
  /** The aggregate error when any task failed (non-enumerable). */
  readonly error?: GraphRunError;
}

const TERMINAL = new Set<TaskState>(["succeeded", "failed", "skipped", "cancelled"]);

/**
 * Run a graph: each task at most once, independent tasks concurrently up to the bound, trigger
 * rules applied, `always` tasks run even after cancellation. Never throws for task failures: the
 * result's `status` and `errors` say what happened (see {@linkcode runGraphOrThrow}).
 *
 * @example
 * ```ts
 * const run = await runGraph(graph, { recipe: "demo" }, { onEvent: console.log });
 * if (run.status === "passed") console.log(run.output(lastTask));
 * ```
 */
export function runGraph<P>(graph: Graph<P>, params: P, options: RunOptions = {}): Promise<GraphRun> {
  return new Run(graph, params, options).start();
}

/**
 * Like {@linkcode runGraph} but throws the run's {@linkcode GraphRunError} unless it passed.
 *
 * @example
 * ```ts
 * const run = await runGraphOrThrow(graph, {});
 * ```
 */
export async function runGraphOrThrow<P>(graph: Graph<P>, params: P, options: RunOptions = {}): Promise<GraphRun> {
  const run = await runGraph(graph, params, options);
  if (run.status !== "passed") throw run.error ?? new GraphRunError(run, []);
  return run;
}

class Run<P> {
  readonly #graph: Graph<P>;
  readonly #params: P;
  readonly #opts: RunOptions;
  readonly #tasks: readonly Task<P, unknown>[];
  readonly #index = new Map<string, number>();
  readonly #dependents: number[][];
  readonly #remaining: number[];
  readonly #states: TaskState[];
  readonly #outputs: unknown[];
  readonly #attempts: number[];
  readonly #startMs: number[];
  readonly #endMs: number[];
  readonly #skip: (SkipReason | undefined)[];
  readonly #errors: (unknown | undefined)[];
  readonly #failedOrder: number[] = [];
  readonly #ready: number[] = [];
  readonly #redactor: Redactor;
  readonly #runId: string;
  readonly #sink?: EventSink;
  readonly #concurrency: number;
  readonly #teardownMs: number;
  readonly #graceMs: number;
  readonly #cancel = new AbortController();
  #readyHead = 0;
  #running = 0;
  #done = 0;
  #pumping = false;
  #cancelled = false;
  #finish!: () => void;
  #t0 = 0;
  #startedAt = "";

  constructor(graph: Graph<P>, params: P, opts: RunOptions) {
    this.#graph = graph;
    this.#params = params;
    this.#opts = opts;
    this.#tasks = graph.tasks;
    const n = this.#tasks.length;
    this.#tasks.forEach((t, i) => this.#index.set(t.id, i));
    this.#dependents = Array.from({ length: n }, () => []);
    this.#remaining = new Array<number>(n);
    this.#tasks.forEach((t, i) => {
      this.#remaining[i] = t.needs.length;
      for (const need of t.needs) this.#dependents[this.#index.get(need)!]!.push(i);
    });
    this.#states = new Array<TaskState>(n).fill("pending");
    this.#outputs = new Array(n);
    this.#attempts = new Array<number>(n).fill(0);
    this.#startMs = new Array<number>(n).fill(0);
    this.#endMs = new Array<number>(n).fill(0);
    this.#skip = new Array(n);
    this.#errors = new Array(n);
    this.#redactor = new Redactor(opts.secrets);
    this.#runId = opts.runId ?? randomUUID();
    this.#sink = opts.onEvent;
    this.#concurrency = opts.concurrency ?? graph.concurrency;
    this.#teardownMs = opts.teardownDeadlineMs ?? graph.teardownDeadlineMs;
    this.#graceMs = opts.abortGraceMs ?? 5_000;
  }

  start(): Promise<GraphRun> {
    this.#t0 = Date.now();
    this.#startedAt = new Date(this.#t0).toISOString();
    this.#emit(() => ({ type: "run-start", graph: this.#graph.id, tasks: this.#tasks.map((t) => t.id) }));
    const outer = this.#opts.signal;
    const onAbort = () => this.#onCancel();
    if (outer?.aborted) this.#onCancel();
    else outer?.addEventListener("abort", onAbort, { once: true });
    return new Promise<void>((resolve) => {
      this.#finish = resolve;
      for (let i = 0; i < this.#tasks.length; i++) if (this.#remaining[i] === 0) this.#ready.push(i);
      if (this.#tasks.length === 0) resolve();
      else this.#pump();
    }).then(() => {
      outer?.removeEventListener("abort", onAbort);
      return this.#result();
    });
  }

  #onCancel(): void {
    if (this.#cancelled || this.#done === this.#tasks.length) return;
    this.#cancelled = true;
    this.#cancel.abort(new DOMException("run cancelled", "AbortError"));
    this.#emit(() => ({ type: "log", level: "warn", message: "run cancelled: running tasks aborted, teardown tasks will still run" }));
  }

  /** Start every ready task the bound allows; re-entrant calls only enqueue (no deep recursion). */
  #pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#readyHead < this.#ready.length && this.#running < this.#concurrency) {
        const i = this.#ready[this.#readyHead++]!;
        const decision = decideTrigger(this.#tasks[i]!.rule, this.#needStates(i), this.#cancelled);
        if (decision.run) this.#execute(i);
        else this.#settle(i, decision.state, undefined, undefined, decision.skipReason);
      }
    } finally {
      this.#pumping = false;
    }
  }

  #needStates(i: number): Array<{ state: TaskState; skipReason?: SkipReason }> {
    return this.#tasks[i]!.needs.map((id) => {
      const j = this.#index.get(id)!;
      return { state: this.#states[j]!, skipReason: this.#skip[j] };
    });
  }

  #execute(i: number): void {
    const task = this.#tasks[i]!;
    this.#states[i] = "running";
    this.#running++;
    this.#startMs[i] = Date.now();
    this.#attempt(i, task, 1);
  }

  #attempt(i: number, task: Task<P, unknown>, attempt: number): void {
    this.#attempts[i] = attempt;
    this.#emit(() => ({ type: "task-start", task: task.id, attempt }));
    const teardown = task.rule !== "success";
    const { signal, dispose } = this.#taskSignal(task, teardown);
    const ctx = this.#context(i, task, attempt, signal);
    let value: unknown;
    try {
      value = task.run(ctx);
    } catch (error) {
      dispose();
      return this.#attemptFailed(i, task, attempt, error, signal);
    }
    if (value === null || typeof (value as PromiseLike<unknown>)?.then !== "function") {
      dispose();
      return this.#settle(i, "succeeded", value);
    }
    const { promise: aborted, dispose: unlisten } = abortPromise(signal);
    const settled = Promise.race([
      value as Promise<unknown>,
      // Once aborted, give the task a grace period to settle before moving on without it.
      aborted.catch((reason) => delay(this.#graceMs).then(() => Promise.reject(reason))),
    ]);
    settled.then(
      (out) => {
        unlisten();
        dispose();
        this.#settle(i, "succeeded", out);
      },
      (error) => {
        unlisten();
        dispose();
        this.#attemptFailed(i, task, attempt, error, signal);
      },
    );
  }

  #attemptFailed(i: number, task: Task<P, unknown>, attempt: number, error: unknown, signal: AbortSignal): void {
    const timedOut = signal.aborted && signal.reason instanceof TaskTimeoutError;
    const err = timedOut ? signal.reason : error;
    const cancelled = !timedOut && signal.aborted;
    if (cancelled) return this.#settle(i, "cancelled", undefined, err);
    const policy = task.retry;
    if (policy && attempt < policy.attempts && !this.#cancelled) {
      const base = policy.backoffMs ?? 200;
      const delayMs = Math.min(base * (policy.factor ?? 2) ** (attempt - 1), policy.maxBackoffMs ?? 10_000);
      this.#emit(() => ({ type: "task-retry", task: task.id, attempt, delayMs, error: this.#serialize(err) }));
      delay(delayMs, { signal: this.#cancel.signal }).then(
        () => this.#attempt(i, task, attempt + 1),
        () => this.#settle(i, "cancelled", undefined, err),
      );
      return;
    }
    this.#settle(i, "failed", undefined, err);
  }

  /** A success-rule task follows the run's cancel signal; teardown tasks get their own deadline. */
  #taskSignal(task: Task<P, unknown>, teardown: boolean): { signal: AbortSignal; dispose: () => void } {
    if (!teardown && task.timeoutMs === undefined) return { signal: this.#cancel.signal, dispose: () => {} };
    const controller = new AbortController();
    const timers: ReturnType<typeof setTimeout>[] = [];
    let unlink = () => {};
    if (task.timeoutMs !== undefined) {
      timers.push(setTimeout(() => controller.abort(new TaskTimeoutError(task.id, task.timeoutMs!)), task.timeoutMs));
    }
    if (!teardown) {
      const parent = this.#cancel.signal;
      const onAbort = () => controller.abort(parent.reason);
      parent.addEventListener("abort", onAbort, { once: true });
      unlink = () => parent.removeEventListener("abort", onAbort);
    } else {
      const deadline = () =>
        timers.push(setTimeout(() => controller.abort(new TaskTimeoutError(task.id, this.#teardownMs)), this.#teardownMs));
      if (this.#cancelled) deadline();
      else {
        const parent = this.#cancel.signal;
        parent.addEventListener("abort", deadline, { once: true });
        unlink = () => parent.removeEventListener("abort", deadline);
      }
    }
    return {
      signal: controller.signal,
      dispose: () => {
        for (const t of timers) clearTimeout(t);
        unlink();
      },
    };
  }

  #context(i: number, task: Task<P, unknown>, attempt: number, signal: AbortSignal): TaskContext<P> {
    // deno-lint-ignore no-this-alias
    const run = this;
    return {
      params: this.#params,
      signal,
      runId: this.#runId,
      attempt,
      get cancelled() {
        return run.#cancelled;
      },
      output: (t) => {
        const j = this.#index.get(t.id);
        return j !== undefined && this.#states[j] === "succeeded" ? (this.#outputs[j] as never) : undefined;
      },
      stateOf: (id) => this.#states[this.#index.get(typeof id === "string" ? id : id.id) ?? -1] ?? "pending",
      log: (message, level = "info") =>
        this.#emit(() => ({ type: "log", task: task.id, level, message: this.#redactor.redact(message) })),
      progress: (done, total, unit, message) =>
        this.#emit(() => ({
          type: "progress",
          task: task.id,
          done,
          ...(total !== undefined ? { total } : {}),
          ...(unit !== undefined ? { unit } : {}),
          ...(message !== undefined ? { message: this.#redactor.redact(message) } : {}),
        })),
      secret: (value) => this.#redactor.add(value),
    } satisfies TaskContext<P>;
    void i;
  }

  #settle(i: number, state: TaskState, output?: unknown, error?: unknown, skipReason?: SkipReason): void {
    const wasRunning = this.#states[i] === "running";
    this.#states[i] = state;
    this.#endMs[i] = Date.now();
    if (state === "succeeded") this.#outputs[i] = output;
    if (error !== undefined) this.#errors[i] = error;
    if (skipReason) this.#skip[i] = skipReason;
    if (state === "failed") this.#failedOrder.push(i);
    if (wasRunning) this.#running--;
    this.#done++;
    const id = this.#tasks[i]!.id;
    this.#emit(() => ({
      type: "task-end",
      task: id,
      state,
      durationMs: wasRunning ? this.#endMs[i]! - this.#startMs[i]! : 0,
      ...(skipReason ? { skipReason } : {}),
      ...(error !== undefined && state !== "succeeded" ? { error: this.#serialize(error) } : {}),
    }));
    for (const d of this.#dependents[i]!) if (--this.#remaining[d]! === 0) this.#ready.push(d);
    if (this.#done === this.#tasks.length) return this.#finish();
    this.#pump();
  }

  #serialize(error: unknown): SerializedError {
    const s = serializeError(error);
    if (!this.#redactor.active) return s;
    const mask = (e: SerializedError): SerializedError => ({
      ...e,
      message: this.#redactor.redact(e.message),
      ...(e.cause ? { cause: mask(e.cause) } : {}),
    });
    return mask(s);
  }

  #emit(make: () => Record<string, unknown>): void {
    if (!this.#sink) return;
    const event = { ts: new Date().toISOString(), runId: this.#runId, ...make() } as RunEvent;
    try {
      this.#sink(event);
    } catch {
      // A broken sink must not break the run.
    }
  }

  #result(): GraphRun {
    const tasks: Record<string, TaskReport> = {};
    this.#tasks.forEach((t, i) => {
      const ran = this.#attempts[i]! > 0;
      const report: TaskReport = { id: t.id, state: this.#states[i]!, rule: t.rule, attempts: this.#attempts[i]! };
      if (ran) {
        report.startedAt = new Date(this.#startMs[i]!).toISOString();
        report.durationMs = this.#endMs[i]! - this.#startMs[i]!;
      }
      if (this.#skip[i]) report.skipReason = this.#skip[i];
      if (this.#errors[i] !== undefined && this.#states[i] !== "succeeded") report.error = this.#serialize(this.#errors[i]);
      tasks[t.id] = report;
    });
    const failed = this.#failedOrder.length > 0;
    const result: RunResult = {
      runId: this.#runId,
      graph: this.#graph.id,
      status: this.#cancelled ? "cancelled" : failed ? "failed" : "passed",
      startedAt: this.#startedAt,
      durationMs: Date.now() - this.#t0,
      tasks,
      errors: this.#failedOrder.map((i) => this.#serialize(new TaskError(this.#tasks[i]!.id, this.#errors[i]))),
    };
    this.#emit(() => ({ type: "run-end", graph: this.#graph.id, status: result.status, durationMs: result.durationMs }));
    const errorList = this.#failedOrder.map((i) => new TaskError(this.#tasks[i]!.id, this.#errors[i]));
    const outputs = this.#outputs;
    const states = this.#states;
    const index = this.#index;
    const run = result as GraphRun;
    Object.defineProperty(run, "output", {
      enumerable: false,
      value: (t: Task<never, unknown> | string) => {
        const j = index.get(typeof t === "string" ? t : t.id);
        return j !== undefined && states[j] === "succeeded" ? outputs[j] : undefined;
      },
    });
    if (result.status !== "passed") {
      Object.defineProperty(run, "error", { enumerable: false, value: new GraphRunError(result, errorList) });
    }
    return run;
  }
}

export { TERMINAL as TERMINAL_STATES };
