import type { ServiceInfo, TaskInfo } from "./stack-state.ts";

/** One service's standing in a converge check. */
export interface ServiceStatus {
  name: string;
  /** Desired replicas (for global services: the tasks that should run). */
  want: number;
  /** Current-spec tasks running and healthy (or running without a healthcheck). */
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

const BAD_UPDATE = new Set(["paused", "rollback_started", "rollback_paused", "rollback_completed"]);
// "complete" counts too: a long-running service's task that exits 0 — e.g. a SIGTERM-aware
// process stopped by Swarm after its healthcheck went unhealthy — has not converged either.
const FAILED = new Set(["failed", "rejected", "complete"]);

/**
 * Judge a stack from one {@linkcode readStackState} snapshot (pure). A service has converged
 * when its update settled (not `updating`/`paused`), every wanted task of the current spec runs
 * and is healthy, and no stale task still runs. It has failed when its update paused or rolled
 * back since `since`, or `maxTaskFailures` current tasks failed.
 *
 * @example
 * ```ts
 * const check = checkConverged(await readStackState("demo_ci_local"), { since: Date.now() - 5000 });
 * ```
 */
export function checkConverged(services: ServiceInfo[], options: { since: number; maxTaskFailures?: number }): ConvergeCheck {
  const maxFailures = options.maxTaskFailures ?? 3;
  const statuses: ServiceStatus[] = [];
  let failure: string | undefined;
  let pending = services.length === 0;
  for (const s of services) {
    // Tasks created before a template-changing update started belong to the old spec.
    const current = (t: TaskInfo) => t.createdAt >= s.currentSince;
    const live = s.tasks.filter((t) => t.desired === "running" && current(t));
    const ready = live.filter((t) => t.state === "running" && (t.health === undefined || t.health === "healthy"));
    const stale = s.tasks.filter((t) => !current(t) && t.state === "running");
    const failed = s.tasks.filter((t) => current(t) && FAILED.has(t.state) && t.createdAt >= options.since).sort((a, b) => b.createdAt - a.createdAt);
    // Any spec: the task a rollback replaced is no longer "current" but holds the reason.
    const lastError = s.tasks.filter((t) => t.error && t.createdAt >= options.since).sort((a, b) => b.createdAt - a.createdAt)[0]?.error;
    const want = s.replicas ?? Math.max(live.length, 1);
    const recentUpdate = s.updateStartedAt === undefined || s.updateStartedAt >= options.since - 1000;
    let detail = "";
    if (s.updateState && BAD_UPDATE.has(s.updateState) && recentUpdate) {
      detail = `update ${s.updateState}${s.updateMessage ? `: ${s.updateMessage}` : ""}${lastError ? ` (task error: ${lastError})` : ""}`;
      failure ??= `service ${s.name}: ${detail}`;
    } else if (failed.length >= maxFailures) {
      detail = `${failed.length} tasks failed; last: ${failed[0]!.error ?? failed[0]!.state}`;
      failure ??= `service ${s.name}: ${detail}`;
    } else if (s.updateState === "updating" && recentUpdate) detail = "update in progress";
    else if (ready.length < want) detail = describeWaiting(live, failed);
    else if (stale.length) detail = `${stale.length} task(s) of the previous spec still running`;
    if (detail) pending = true;
    statuses.push({ name: s.name, want, ready: ready.length, detail });
  }
  return { state: failure ? "failed" : pending ? "pending" : "converged", services: statuses, failure };
}

function describeWaiting(live: TaskInfo[], failed: TaskInfo[]): string {
  const states = live.map((t) => (t.state === "running" ? `running, ${t.health ?? "no healthcheck"}` : t.state));
  const parts = [states.length ? `tasks: ${states.join("; ")}` : "no task scheduled yet"];
  if (failed[0]) parts.push(`last task error: ${failed[0].error ?? failed[0].state}`);
  return parts.join("; ");
}
