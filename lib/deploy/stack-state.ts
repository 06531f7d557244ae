import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { parseStackState } from "./stack-parse.ts";

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
  /** The container's exit code, once it exited. */
  exitCode?: number | undefined;
  /** Created from the service's current spec (and, for jobs, its current iteration). */
  current: boolean;
}

/** How Swarm runs a service's tasks. */
export type ServiceMode = "replicated" | "global" | "replicated-job" | "global-job";

/** One service of a stack, with its tasks. */
export interface ServiceInfo {
  id: string;
  name: string;
  mode: ServiceMode;
  /** Desired replicas (jobs: completions); undefined for global services. */
  replicas?: number | undefined;
  /** `restart_policy.condition`: `any` (default), `on-failure` or `none`. */
  restartCondition: string;
  /** The spec has a healthcheck (one the image may bring is not seen here). */
  hasHealthcheck: boolean;
  updateState?: string | undefined;
  updateMessage?: string | undefined;
  updateStartedAt?: number | undefined;
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
  const services = parseJsonArray((await runCommand("docker", ["service", "inspect", ...ids], { signal })).stdout);
  const taskIds = lines((await runCommand("docker", ["service", "ps", "-q", "--no-trunc", ...ids], { signal })).stdout);
  const tasks = taskIds.length ? parseJsonArray((await runCommand("docker", ["inspect", "--type", "task", ...taskIds], { signal })).stdout) : [];
  const running = tasks.filter((t) => t.Status?.State === "running").map((t) => t.Status?.ContainerStatus?.ContainerID as string).filter(Boolean);
  const containers = running.length ? parseJsonArray((await runCommand("docker", ["inspect", "--type", "container", ...running], { signal })).stdout) : [];
  return parseStackState({ services, tasks, containers });
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
