/**
 * Which Docker the docker-stack deployer talks to, and what that client can do. Co-op Cloud
 * hosts run anything from Debian 12's 20.10 to 28; client and engine versions can differ (this
 * project's test machine: client 28.2.2, engine 20.10.24), so both are checked.
 * @module
 */
import { InfraError } from "../errors.ts";
import { runCommand } from "../exec/mod.ts";

/** The oldest client and engine cc-warm supports (Debian 12's `docker.io`). */
export const MIN_DOCKER_VERSION = "20.10";

/** Client and engine versions, and the client features the deployer uses when present. */
export interface DockerSupport {
  client: string;
  engine: string;
  /** `docker stack config` (CLI 23+): render with the CLI's own loader; else cc-warm's loader. */
  stackConfig: boolean;
  /** `docker stack deploy --detach` (CLI 26+; older clients never wait anyway). */
  deployDetach: boolean;
}

const atLeast = (version: string, min: string): boolean => {
  const [a = 0, b = 0] = version.split(".").map((n) => parseInt(n, 10));
  const [x = 0, y = 0] = min.split(".").map(Number);
  return a > x || (a === x && b >= y);
};

/**
 * What the client and engine support, from two version strings (pure).
 *
 * @example
 * ```ts
 * dockerSupport("20.10.24+dfsg1", "20.10.24+dfsg1"); // { …, stackConfig: false, deployDetach: false }
 * ```
 */
export function dockerSupport(client: string, engine: string): DockerSupport {
  for (const [what, v] of [["client", client], ["engine", engine]] as const) {
    if (!atLeast(v, MIN_DOCKER_VERSION)) {
      throw new InfraError(`Docker ${what} ${v} is older than ${MIN_DOCKER_VERSION}, the oldest cc-warm supports (stack deploy of compose 3.8 overlays): install Debian's docker.io (20.10) or newer`);
    }
  }
  return { client, engine, stackConfig: atLeast(client, "23.0"), deployDetach: atLeast(client, "26.0") };
}

const cache = new Map<string, Promise<DockerSupport>>();

/**
 * Ask `docker version` for both versions (once per `PATH`); throws `InfraError` (exit 3) when
 * docker is missing, the engine does not answer, or either is too old.
 *
 * @example
 * ```ts
 * const { stackConfig } = await checkDocker();
 * ```
 */
export function checkDocker(options: { signal?: AbortSignal } = {}): Promise<DockerSupport> {
  const key = process.env.PATH ?? "";
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const res = await runCommand("docker", ["version", "--format", "{{.Client.Version}}|{{.Server.Version}}"], { signal: options.signal });
      const [client = "", engine = ""] = res.stdout.trim().split("|");
      if (res.failed && res.exitCode === undefined) throw new InfraError("the docker client was not found on PATH: install Debian's docker.io (20.10) or newer");
      if (res.failed || !client || !engine) throw new InfraError(`the Docker engine did not answer "docker version" (client ${client || "unknown"}): start dockerd, e.g. bash scripts/infra/up.sh`);
      return dockerSupport(client, engine);
    })();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
