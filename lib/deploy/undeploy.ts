import { InfraError } from "../errors.ts";
import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { delay } from "../runner/wait.ts";

const NS = "com.docker.stack.namespace";

/**
 * What of a stack still exists (named volumes are not counted: they are kept on purpose).
 *
 * @example
 * ```ts
 * const left = await stackLeftovers("demo_ci_local"); // { services: 0, containers: 0, networks: 0 }
 * ```
 */
export async function stackLeftovers(stack: string, options: { signal?: AbortSignal } = {}): Promise<{ services: number; containers: number; networks: number }> {
  const f = ["--filter", `label=${NS}=${stack}`];
  const count = async (args: string[]) => (await runCommandOrThrow("docker", [...args, "-q", ...f], { signal: options.signal })).stdout.split("\n").filter(Boolean).length;
  const [services, containers, networks] = await Promise.all([count(["service", "ls"]), count(["ps", "-a"]), count(["network", "ls"])]);
  return { services, containers, networks };
}

/**
 * Wait until no service, container or network of the stack remains: touching volumes of a
 * half-removed stack is a known production bug.
 *
 * @example
 * ```ts
 * await waitStackGone("demo_ci_local", { timeoutMs: 60_000 });
 * ```
 */
export async function waitStackGone(stack: string, options: { timeoutMs?: number; signal?: AbortSignal; pollMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const left = await stackLeftovers(stack, options);
    if (!left.services && !left.containers && !left.networks) return;
    if (Date.now() >= deadline) throw new InfraError(`stack ${stack} not gone after ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s: ${left.services} services, ${left.containers} containers, ${left.networks} networks remain`);
    // A removed network can linger while its last container detaches; retrying rm is harmless.
    if (!left.services && !left.containers && left.networks) await runCommand("docker", ["stack", "rm", stack], { signal: options.signal });
    await delay(options.pollMs ?? 250, { signal: options.signal });
  }
}

/**
 * `docker stack rm`, then {@linkcode waitStackGone}. Named volumes are kept.
 *
 * @example
 * ```ts
 * await removeStack("demo_ci_local", { signal });
 * ```
 */
export async function removeStack(stack: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  await runCommandOrThrow("docker", ["stack", "rm", stack], { signal: options.signal });
  await waitStackGone(stack, options);
}
