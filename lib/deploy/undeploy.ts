/**
 * Removing a stack without racing it: `docker stack rm`, then stop the stack's containers
 * ourselves (SIGTERM with the service's own grace period — Swarm's dispatcher takes seconds to
 * get round to it), and wait until no service or container is left. Swarm removes the stack's
 * networks a few seconds later on its own; the next deploy of the same stack waits for that
 * (a half-removed stack is a production lesson), so an undeploy need not.
 * @module
 */
import { InfraError } from "../errors.ts";
import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { delay } from "../runner/wait.ts";

const NS = "com.docker.stack.namespace";

/**
 * What is left of a stack: services, containers (any state) and networks.
 *
 * @example
 * ```ts
 * const left = await stackLeftovers("demo_ci_local");
 * ```
 */
export async function stackLeftovers(stack: string, options: { signal?: AbortSignal } = {}): Promise<{ services: number; containers: number; networks: number }> {
  const f = ["--filter", `label=${NS}=${stack}`];
  const count = async (args: string[]) => (await runCommandOrThrow("docker", [...args, "-q", ...f], { signal: options.signal })).stdout.split("\n").filter(Boolean).length;
  const [services, containers, networks] = await Promise.all([count(["service", "ls"]), count(["ps", "-a"]), count(["network", "ls"])]);
  return { services, containers, networks };
}

type WaitOptions = { timeoutMs?: number; signal?: AbortSignal; pollMs?: number };

async function waitUntil(stack: string, done: (left: Awaited<ReturnType<typeof stackLeftovers>>) => boolean, options: WaitOptions, onPoll?: (left: Awaited<ReturnType<typeof stackLeftovers>>) => Promise<unknown>): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await stackLeftovers(stack, options);
    if (done(left)) return;
    if (Date.now() >= deadline) throw new InfraError(`stack ${stack} not gone after ${Math.round(timeoutMs / 1000)} s: ${left.services} services, ${left.containers} containers, ${left.networks} networks remain`);
    await onPoll?.(left);
    await delay(options.pollMs ?? 250, { signal: options.signal });
  }
}

/**
 * Wait until no service, container or network of the stack remains.
 *
 * @example
 * ```ts
 * await waitStackGone("demo_ci_local", { timeoutMs: 60_000 });
 * ```
 */
export function waitStackGone(stack: string, options: WaitOptions = {}): Promise<void> {
  // A removed network can linger while its last container detaches; retrying rm is harmless.
  return waitUntil(stack, (l) => !l.services && !l.containers && !l.networks, options, (l) =>
    !l.services && !l.containers && l.networks ? runCommand("docker", ["stack", "rm", stack], { signal: options.signal }) : Promise.resolve());
}

/**
 * Before deploying a stack: if it is half-removed (no service, but containers or networks still
 * going away), wait until they are gone. A stack that is deployed, or absent, returns at once.
 *
 * @example
 * ```ts
 * await waitHalfRemovedStack("demo_ci_local", { signal });
 * ```
 */
export async function waitHalfRemovedStack(stack: string, options: WaitOptions = {}): Promise<void> {
  const left = await stackLeftovers(stack, options);
  if (left.services || (!left.containers && !left.networks)) return;
  await waitStackGone(stack, options);
}

/**
 * Stop the stack's running containers now (SIGTERM, then SIGKILL after `graceSeconds`), then
 * remove the stopped ones. Used right after the stack's services were removed.
 *
 * @example
 * ```ts
 * await stopStackContainers("demo_ci_local", { graceSeconds: 10 });
 * ```
 */
export async function stopStackContainers(stack: string, options: { graceSeconds: number; signal?: AbortSignal }): Promise<void> {
  const ids = async (all: boolean) =>
    (await runCommandOrThrow("docker", ["ps", ...(all ? ["-a"] : []), "-q", "--filter", `label=${NS}=${stack}`], { signal: options.signal })).stdout.split("\n").filter(Boolean);
  const running = await ids(false);
  // Swarm may be stopping or removing the same containers: losing that race is fine.
  if (running.length) await runCommand("docker", ["stop", "-t", String(Math.ceil(options.graceSeconds)), ...running], { signal: options.signal });
  const stopped = await ids(true);
  if (stopped.length) await runCommand("docker", ["rm", ...stopped], { signal: options.signal });
}

/**
 * The longest stop grace period (seconds) among the stack's services (Swarm's default is 10 s).
 *
 * @example
 * ```ts
 * const grace = await stackStopGrace("demo_ci_local");
 * ```
 */
export async function stackStopGrace(stack: string, options: { signal?: AbortSignal } = {}): Promise<number> {
  const ids = (await runCommandOrThrow("docker", ["service", "ls", "-q", "--filter", `label=${NS}=${stack}`], { signal: options.signal })).stdout.split("\n").filter(Boolean);
  if (!ids.length) return 10;
  const res = await runCommand("docker", ["service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}", ...ids], { signal: options.signal });
  const ns = res.stdout.split("\n").map((l) => Number(l.trim())).filter((n) => Number.isFinite(n) && n > 0);
  return ns.length ? Math.max(...ns) / 1e9 : 10;
}

/**
 * Settle a stack whose removal was just requested (by `docker stack rm` or `abra app undeploy`):
 * stop its containers gracefully, then wait until no service or container remains. Volumes are
 * safe to touch afterwards; networks may still be going away (see {@linkcode waitHalfRemovedStack}).
 *
 * @example
 * ```ts
 * await settleRemovedStack("demo_ci_local", { graceSeconds: 10 });
 * ```
 */
export async function settleRemovedStack(stack: string, options: WaitOptions & { graceSeconds: number }): Promise<void> {
  await stopStackContainers(stack, options);
  // A node's agent can still be creating a container for a task it was handed just before the
  // service went (a crash-looping app restarting): one empty look is not enough, so the stack
  // must stay empty for SETTLED_POLLS looks in a row before its volumes are touched.
  let empty = 0;
  await waitUntil(stack, (l) => (!l.services && !l.containers ? ++empty : (empty = 0)) >= SETTLED_POLLS, options, async (l) => {
    if (!l.services && l.containers) await stopStackContainers(stack, options);
  });
}

const SETTLED_POLLS = 3;

/**
 * `docker stack rm` and settle: returns once no service or container of the stack remains
 * (idempotent: a missing stack is fine).
 *
 * @example
 * ```ts
 * await removeStack("demo_ci_local", { timeoutMs: 120_000 });
 * ```
 */
export async function removeStack(stack: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const graceSeconds = await stackStopGrace(stack, options);
  await runCommandOrThrow("docker", ["stack", "rm", stack], { signal: options.signal });
  await settleRemovedStack(stack, { ...options, graceSeconds });
}
