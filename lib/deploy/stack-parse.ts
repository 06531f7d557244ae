/**
 * Turn what Docker says about a stack (`docker service inspect`, `docker inspect --type task`,
 * the running containers) into the {@linkcode ServiceInfo} the converge check reads. Pure, so
 * recorded Docker output can be replayed in tests.
 * @module
 */
import { sameTaskSpec } from "./task-spec.ts";
import type { ServiceInfo, ServiceMode, TaskInfo } from "./stack-state.ts";

/** Docker's JSON about one stack, as read (arrays of `inspect` objects). */
export interface RawStackState {
  services: unknown[];
  tasks: unknown[];
  /** `docker inspect --type container` of the running tasks' containers (for health). */
  containers: unknown[];
}

/**
 * Map Docker's JSON to services with their tasks, each task marked `current` when it runs the
 * service's current spec (and, for jobs, its current iteration).
 *
 * @example
 * ```ts
 * const services = parseStackState({ services: svcJson, tasks: taskJson, containers: [] });
 * ```
 */
export function parseStackState(raw: RawStackState): ServiceInfo[] {
  // deno-lint-ignore no-explicit-any
  const health = new Map<string, string | undefined>((raw.containers as any[]).map((c) => [c.Id, c.State?.Health?.Status]));
  // deno-lint-ignore no-explicit-any
  const tasks = raw.tasks as any[];
  // deno-lint-ignore no-explicit-any
  return (raw.services as any[]).map((s) => {
    const m = s.Spec?.Mode ?? {};
    const mode: ServiceMode = m.ReplicatedJob ? "replicated-job" : m.GlobalJob ? "global-job" : m.Global ? "global" : "replicated";
    const template = s.Spec?.TaskTemplate ?? {};
    const iteration = s.JobStatus?.JobIteration?.Index ?? 0;
    const isJob = mode.endsWith("-job");
    const test: string[] | undefined = template.ContainerSpec?.Healthcheck?.Test;
    return {
      id: s.ID,
      name: s.Spec?.Name,
      mode,
      replicas: m.Replicated ? Number(m.Replicated.Replicas ?? 1) : m.ReplicatedJob ? Number(m.ReplicatedJob.TotalCompletions ?? 1) : undefined,
      restartCondition: template.RestartPolicy?.Condition ?? "any",
      hasHealthcheck: Boolean(test?.length && test[0] !== "NONE"),
      updateState: s.UpdateStatus?.State,
      updateMessage: s.UpdateStatus?.Message,
      updateStartedAt: s.UpdateStatus?.StartedAt ? Date.parse(s.UpdateStatus.StartedAt) : undefined,
      labels: s.Spec?.Labels ?? {},
      image: template.ContainerSpec?.Image ?? "",
      spec: s.Spec,
      tasks: tasks
        .filter((t) => t.ServiceID === s.ID)
        .map((t): TaskInfo => {
          const containerId = t.Status?.ContainerStatus?.ContainerID || undefined;
          const exitCode = t.Status?.ContainerStatus?.ExitCode;
          const sameIteration = !isJob || (t.JobIteration?.Index ?? 0) === iteration;
          return {
            id: t.ID, state: t.Status?.State, desired: t.DesiredState, error: t.Status?.Err || undefined, createdAt: Date.parse(t.CreatedAt),
            containerId, health: containerId ? health.get(containerId) : undefined,
            exitCode: typeof exitCode === "number" && t.Status?.State !== "running" ? exitCode : undefined,
            current: sameIteration && sameTaskSpec(t.Spec, template),
          };
        }),
    };
  });
}
