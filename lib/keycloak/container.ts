import { InfraError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/command.ts";

/** Options for {@linkcode findServiceContainer}. */
export interface FindContainerOptions {
  /** The service name inside the stack (the swarm service is `<stack>_<service>`). */
  service?: string;
  signal?: AbortSignal;
}

/**
 * The id of a running container of a stack's service, found by the swarm's labels (stack
 * names are not recomputed from domains). Throws an {@linkcode InfraError} when none runs.
 *
 * @example
 * ```ts
 * const id = await findServiceContainer("warm-keycloak_ci_local", { service: "app" });
 * ```
 */
export async function findServiceContainer(stack: string, options: FindContainerOptions = {}): Promise<string> {
  const filter = options.service
    ? `label=com.docker.swarm.service.name=${stack}_${options.service}`
    : `label=com.docker.stack.namespace=${stack}`;
  const { stdout } = await runCommandOrThrow("docker", ["ps", "-q", "--no-trunc", "--filter", filter, "--filter", "status=running"], {
    signal: options.signal,
    timeoutMs: 30_000,
  });
  const id = stdout.split("\n").map((s) => s.trim()).find(Boolean);
  if (!id) throw new InfraError(`no running container for ${options.service ? `service ${stack}_${options.service}` : `stack ${stack}`}`);
  return id;
}
