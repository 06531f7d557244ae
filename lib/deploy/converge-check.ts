import { isOneShot, judgeOneShot, newestFirst } from "./converge-oneshot.ts";
import type { ServiceInfo, TaskInfo } from "./stack-state.ts";

/** One service's standing in a converge check. */
export interface ServiceStatus {
  name: string;
  /** `one-shot`: judged by its task's exit (restart condition `none`, or a job). */
  kind: "service" | "one-shot";
  /** Desired replicas (for global services: the tasks that should run; one-shots: completions). */
  want: number;
  /** Current-spec tasks running and healthy (or without a healthcheck); one-shots: completed with exit 0. */
  ready: number;
  /** Why it is not ready yet, or why it failed; empty when ready. */
  detail: string;
}

/** The verdict of one look at a stack. */
export interface ConvergeCheck {
  state: "converged" | "pending" | "failed";
  services: ServiceStatus[];
  /** Set when `state` is `failed`: which service, which task error or update state. */
  failure?: string | undefined;
}

/** What a check of one service found: its status, and why it failed (if it did). */
export interface ServiceVerdict {
  status: ServiceStatus;
  failure?: string | undefined;
}

/** Options of {@linkcode checkConverged}. */
export interface ConvergeCheckOptions {
  /** Deploy time: only updates and task failures from then on count against a service. */
  since: number;
  /** Fail after this many failed tasks of the current spec (default 3). */
  maxTaskFailures?: number;
}

const BAD_UPDATE = new Set(["paused", "rollback_started", "rollback_paused", "rollback_completed"]);

/**
 * Judge a stack from one {@linkcode readStackState} snapshot (pure), per service, the way Swarm
 * sees it: a task is current when it runs the service's current spec, so a service a deploy did
 * not change is converged as soon as its running tasks are healthy, and a changed one when its
 * new tasks are. A service converged when its update settled, every wanted current task runs
 * healthy and no old-spec task still runs; it failed when its update paused or rolled back since
 * `since`, or `maxTaskFailures` current tasks failed. One-shot services: see `judgeOneShot`.
 *
 * @example
 * ```ts
 * const check = checkConverged(await readStackState("demo_ci_local"), { since: Date.now() - 5000 });
 * ```
 */
export function checkConverged(services: ServiceInfo[], options: ConvergeCheckOptions): ConvergeCheck {
  const verdicts = services.map((s) => (isOneShot(s) ? judgeOneShot(s, options) : judgeService(s, options)));
  const failure = verdicts.find((v) => v.failure)?.failure;
  const pending = services.length === 0 || verdicts.some((v) => v.status.detail);
  return { state: failure ? "failed" : pending ? "pending" : "converged", services: verdicts.map((v) => v.status), failure };
}

/**
 * Judge a long-running service. A task that exits 0 is a failure when Swarm restarts it
 * (`condition: any`: e.g. a SIGTERM-aware app stopped for being unhealthy) and a finished task
 * for `on-failure` services without a healthcheck.
 *
 * @example
 * ```ts
 * judgeService(service, { since: deployedAt }).status.detail; // "" when ready
 * ```
 */
export function judgeService(s: ServiceInfo, options: ConvergeCheckOptions): ServiceVerdict {
  const doneOnExit = s.restartCondition !== "any" && !s.hasHealthcheck;
  const finished = (t: TaskInfo) => doneOnExit && t.state === "complete";
  const current = s.tasks.filter((t) => t.current);
  const live = current.filter((t) => t.desired === "running");
  const ready = live.filter((t) => t.state === "running" && (t.health === undefined || t.health === "healthy")).length + current.filter(finished).length;
  const stale = s.tasks.filter((t) => !t.current && t.state === "running");
  const failed = newestFirst(current.filter((t) => FAILED.has(t.state) && !finished(t) && t.createdAt >= options.since));
  // Any spec: the task a rollback replaced is no longer current but holds the reason.
  const lastError = newestFirst(s.tasks.filter((t) => t.error && t.createdAt >= options.since))[0]?.error;
  const want = s.replicas ?? Math.max(live.length, 1);
  const recentUpdate = s.updateStartedAt === undefined || s.updateStartedAt >= options.since - 1000;
  const status: ServiceStatus = { name: s.name, kind: "service", want, ready, detail: "" };
  if (s.updateState && BAD_UPDATE.has(s.updateState) && recentUpdate && !(ready >= want && current.some(finished))) {
    status.detail = `update ${s.updateState}${s.updateMessage ? `: ${s.updateMessage}` : ""}${lastError ? ` (task error: ${lastError})` : ""}`;
    return { status, failure: `service ${s.name}: ${status.detail}` };
  }
  if (failed.length >= (options.maxTaskFailures ?? 3)) {
    status.detail = `${failed.length} tasks failed; last: ${failed[0]!.error ?? failed[0]!.state}`;
    return { status, failure: `service ${s.name}: ${status.detail}` };
  }
  if (s.updateState === "updating" && recentUpdate) status.detail = "update in progress";
  else if (ready < want) status.detail = describeWaiting(live, failed);
  else if (stale.length) status.detail = `${stale.length} task(s) of the previous spec still running`;
  return { status };
}

// "complete" counts too: a long-running service's task that exits 0 — e.g. a SIGTERM-aware
// process stopped by Swarm after its healthcheck went unhealthy — has not converged either.
const FAILED = new Set(["failed", "rejected", "complete"]);

function describeWaiting(live: TaskInfo[], failed: TaskInfo[]): string {
  const states = live.map((t) => (t.state === "running" ? `running, ${t.health ?? "no healthcheck"}` : t.state));
  const parts = [states.length ? `tasks: ${states.join("; ")}` : "no task scheduled yet"];
  if (failed[0]) parts.push(`last task error: ${failed[0].error ?? failed[0].state}`);
  return parts.join("; ");
}
