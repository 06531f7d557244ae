import { InfraError } from "../errors.ts";
import { type CommandResult, runCommand, runCommandOrThrow } from "../exec/mod.ts";

/**
 * Run `argv` in a running container of the stack's service (`docker exec`, no shell). Returns
 * the result whether the command succeeded or not; throws when no container of it runs.
 *
 * @example
 * ```ts
 * const res = await execInService("demo_ci_local", "app", ["cat", "/data/schema"]);
 * ```
 */
export async function execInService(stack: string, service: string, argv: readonly string[], options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<CommandResult> {
  const { signal } = options;
  const full = `${stack}_${service}`;
  const ids = (await runCommandOrThrow("docker", ["ps", "-q", "--filter", `label=com.docker.swarm.service.name=${full}`, "--filter", "status=running"], { signal })).stdout.split("\n").filter(Boolean);
  if (!ids.length) throw new InfraError(`no running container of service ${full}`);
  // Values of env go in by name only (`-e NAME`), read from our environment: never in argv.
  const envArgs = Object.keys(options.env ?? {}).flatMap((k) => ["-e", k]);
  return runCommand("docker", ["exec", ...envArgs, ids[0]!, ...argv], { signal, env: options.env });
}
