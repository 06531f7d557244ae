import { runCommand, runCommandOrThrow } from "../exec/mod.ts";

/** One swarm task as the converge check needs it. */
export interface TaskInfo {
  id: string;
  state: string;
  desired: string;
  error?: string | undefined;
  createdAt: number;
  containerId?: string | undefined;
  /** Container health: `healthy`, `starting`, `unhealthy`, or undefined without a healthcheck. */
  health?: string | undefined;
}

/** One service of a stack, with its tasks. */
export interface ServiceInfo {
  id: string;
  name: string;
  /** Desired replicas; undefined for global services. */
  replicas?: number | undefined;
  updateState?: string | undefined;
  updateMessage?: string | undefined;
  updateStartedAt?: number | undefined;
  /**
   * Tasks of the current spec are those created at or after this time: 0 when the last update
   * left the task template as it was (or there was none); `Infinity` while a template change
   * waits for its rolling update to start.
   */
  currentSince: number;
  labels: Record<string, string>;
  image: string;
  /** The service spec as Docker stores it (for the stack spec hash). */
  spec: unknown;
  tasks: TaskInfo[];
}

const NS = "com.docker.stack.namespace";

/**
 * Read a stack's services, their tasks and their containers' health: four docker calls, cheap
 * enough to poll every few hundred milliseconds.
 *
 * @example
 * ```ts
 * const services = await readStackState("demo_ci_local");
 * ```
 */
export async function readStackState(stack: string, options: { signal?: AbortSignal } = {}): Promise<ServiceInfo[]> {
  const { signal } = options;
  const ids = lines((await runCommandOrThrow("docker", ["service", "ls", "-q", "--filter", `label=${NS}=${stack}`], { signal })).stdout);
  if (!ids.length) return [];
  // Services/tasks/containers can vanish between calls: read what is there (stdout) and move on.
  const svcs = parseJsonArray((await runCommand("docker", ["service", "inspect", ...ids], { signal })).stdout);
  const taskIds = lines((await runCommand("docker", ["service", "ps", "-q", "--no-trunc", ...ids], { signal })).stdout);
  const tasks = taskIds.length ? parseJsonArray((await runCommand("docker", ["inspect", "--type", "task", ...taskIds], { signal })).stdout) : [];
  const running = tasks.filter((t) => t.Status?.State === "running").map((t) => t.Status?.ContainerStatus?.ContainerID as string).filter(Boolean);
  const health = new Map<string, string | undefined>();
  if (running.length) {
    for (const c of parseJsonArray((await runCommand("docker", ["inspect", "--type", "container", ...running], { signal })).stdout)) {
      health.set(c.Id, c.State?.Health?.Status);
    }
  }
  return svcs.map((s) => ({
    id: s.ID,
    name: s.Spec?.Name,
    replicas: s.Spec?.Mode?.Replicated ? Number(s.Spec.Mode.Replicated.Replicas ?? 1) : undefined,
    updateState: s.UpdateStatus?.State,
    updateMessage: s.UpdateStatus?.Message,
    updateStartedAt: s.UpdateStatus?.StartedAt ? Date.parse(s.UpdateStatus.StartedAt) : undefined,
    currentSince: currentSince(s),
    labels: s.Spec?.Labels ?? {},
    image: s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? "",
    spec: s.Spec,
    tasks: tasks
      .filter((t) => t.ServiceID === s.ID)
      .map((t) => {
        const containerId = t.Status?.ContainerStatus?.ContainerID || undefined;
        return { id: t.ID, state: t.Status?.State, desired: t.DesiredState, error: t.Status?.Err, createdAt: Date.parse(t.CreatedAt), containerId, health: containerId ? health.get(containerId) : undefined };
      }),
  }));
}

// UpdatedAt moves whenever swarm writes UpdateStatus, so the update's StartedAt marks the spec.
// deno-lint-ignore no-explicit-any
function currentSince(s: any): number {
  if (!s.PreviousSpec || JSON.stringify(s.PreviousSpec.TaskTemplate) === JSON.stringify(s.Spec?.TaskTemplate)) return 0;
  return s.UpdateStatus?.StartedAt ? Date.parse(s.UpdateStatus.StartedAt) : Number.POSITIVE_INFINITY;
}

function lines(s: string): string[] {
  return s.split("\n").map((l) => l.trim()).filter(Boolean);
}

// deno-lint-ignore no-explicit-any
function parseJsonArray(s: string): any[] {
  const i = s.indexOf("[");
  if (i < 0) return [];
  try {
    return JSON.parse(s.slice(i));
  } catch {
    return [];
  }
}
