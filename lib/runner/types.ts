/**
 * Types shared by the task-graph runner: tasks, trigger rules, states, events and results.
 * @module
 */

/** When a task runs relative to its upstream tasks. */
export type TriggerRule = "success" | "failure" | "always";

/** Terminal and transient states of a task within one run. */
export type TaskState = "pending" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";

/** Why a task was skipped. */
export type SkipReason = "upstream-failed" | "upstream-cancelled" | "upstream-skipped" | "not-triggered";

/** How a failing task is retried. */
export interface RetryPolicy {
  /** Total attempts including the first (>= 1). */
  attempts: number;
  /** Delay before the second attempt, in ms (default 200). */
  backoffMs?: number;
  /** Multiplier applied to the delay after each attempt (default 2). */
  factor?: number;
  /** Upper bound of one delay, in ms (default 10 000). */
  maxBackoffMs?: number;
}

/** Log levels a task may use. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A serialisable error, as it appears in events and results. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  cause?: SerializedError;
}

/** Per-task record in a run result. */
export interface TaskReport {
  id: string;
  state: TaskState;
  rule: TriggerRule;
  attempts: number;
  startedAt?: string;
  durationMs?: number;
  skipReason?: SkipReason;
  error?: SerializedError;
}

/** Overall status of a run. */
export type RunStatus = "passed" | "failed" | "cancelled";

/** The flat, serialisable outcome of running a graph; the same shape for success and failure. */
export interface RunResult {
  runId: string;
  graph: string;
  status: RunStatus;
  startedAt: string;
  durationMs: number;
  tasks: Record<string, TaskReport>;
  /** Errors of failed tasks, in completion order. */
  errors: SerializedError[];
}

interface EventBase {
  /** ISO timestamp. */
  ts: string;
  runId: string;
}

/** Events emitted while a graph runs (one JSON object per line with `--json`). */
export type RunEvent =
  | (EventBase & { type: "run-start"; graph: string; tasks: string[] })
  | (EventBase & { type: "run-end"; graph: string; status: RunStatus; durationMs: number })
  | (EventBase & { type: "task-start"; task: string; attempt: number })
  | (EventBase & { type: "task-retry"; task: string; attempt: number; delayMs: number; error: SerializedError })
  | (EventBase & {
    type: "task-end";
    task: string;
    state: TaskState;
    durationMs: number;
    skipReason?: SkipReason;
    error?: SerializedError;
  })
  | (EventBase & { type: "log"; task?: string; level: LogLevel; message: string })
  | (EventBase & { type: "progress"; task: string; done: number; total?: number; unit?: string; message?: string });

/** A function that receives run events. */
export type EventSink = (event: RunEvent) => void;
