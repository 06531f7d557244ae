/**
 * The task-graph runner: define tasks and graphs, run them with trigger rules, timeouts,
 * retries, cancellation and events.
 * @module
 */
export * from "./types.ts";
export * from "./errors.ts";
export { defineTask } from "./task.ts";
export type { Task, TaskContext, TaskSpec } from "./task.ts";
export { defineGraph } from "./graph.ts";
export type { Graph, GraphSpec } from "./graph.ts";
export { runGraph, runGraphOrThrow } from "./run.ts";
export type { GraphRun, RunOptions } from "./run.ts";
export { decideTrigger } from "./trigger.ts";
export type { NeedState, TriggerDecision } from "./trigger.ts";
export { planGraph } from "./plan.ts";
export type { PlanStep } from "./plan.ts";
export { Redactor } from "./redact.ts";
export { abortPromise, delay } from "./wait.ts";
