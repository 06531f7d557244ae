/**
 * One-shot services (an init job: `restart_policy.condition: none`, or `mode: replicated-job` /
 * `global-job`): done when their task completed with exit 0, failed when it exited non-zero.
 * @module
 */
import type { ConvergeCheckOptions, ServiceVerdict } from "./converge-check.ts";
import type { ServiceInfo, TaskInfo } from "./stack-state.ts";

/**
 * True for services whose task is meant to run once and exit.
 *
 * @example
 * ```ts
 * isOneShot(service); // true for `restart_policy: { condition: none }`
 * ```
 */
export function isOneShot(s: Pick<ServiceInfo, "mode" | "restartCondition">): boolean {
  return s.mode.endsWith("-job") || s.restartCondition === "none";
}

/**
 * Judge a one-shot service by its tasks, not its update state (Swarm pauses an update whose new
 * task "terminated early", even with exit 0). Converged when `want` current tasks completed with
 * exit 0; failed when a task of the current spec, or one started since `since` (a rollback may
 * have replaced it), failed: at once without restarts, else after `maxTaskFailures`.
 *
 * @example
 * ```ts
 * judgeOneShot(service, { since: deployedAt }).failure; // "service s_init: one-shot task exited 3 (…)"
 * ```
 */
export function judgeOneShot(s: ServiceInfo, options: ConvergeCheckOptions): ServiceVerdict {
  const current = newestFirst(s.tasks.filter((t) => t.current));
  const want = s.replicas ?? Math.max(current.length, 1);
  const done = current.filter((t) => t.state === "complete" && (t.exitCode ?? 0) === 0).length;
  const failed = newestFirst(s.tasks.filter((t) => (t.state === "failed" || t.state === "rejected") && (t.current || t.createdAt >= options.since)));
  const status = { name: s.name, kind: "one-shot" as const, want, ready: done, detail: "" };
  // Without restarts a failure is final, even when a rollback re-ran the old spec since.
  const final = s.restartCondition === "none" ? failed.length > 0 : done < want && failed.length >= (options.maxTaskFailures ?? 3);
  if (final) {
    const t = failed[0]!;
    status.detail = `one-shot task ${t.exitCode !== undefined ? `exited ${t.exitCode}` : t.state}${t.error ? ` (${t.error})` : ""}`;
    return { status, failure: `service ${s.name}: ${status.detail}` };
  }
  if (done < want) {
    const states = current.filter((t) => t.state !== "complete").map((t) => t.state);
    status.detail = states.length ? `one-shot task ${states.join("; ")}` : "no task scheduled yet";
  }
  return { status };
}

/**
 * Tasks sorted newest first.
 *
 * @example
 * ```ts
 * newestFirst(service.tasks)[0]; // the latest task
 * ```
 */
export function newestFirst(tasks: TaskInfo[]): TaskInfo[] {
  return [...tasks].sort((a, b) => b.createdAt - a.createdAt);
}
