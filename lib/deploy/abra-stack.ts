import { InfraError, InputError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/mod.ts";

/** abra's cap on a stack name (pkg/config: MAX_SANITISED_APP_NAME_LENGTH). */
export const ABRA_MAX_STACK_NAME_LENGTH = 45;

/**
 * The stack name abra gives an app (pkg/app/app.go, `App.StackName`): `STACK_NAME` from the
 * app's env when set, else the domain with dots as underscores, cut to 45 characters (no hash:
 * two long domains with one prefix share a name). Used only to refuse, before any side effect,
 * an app whose name cc-warm tracks differently; what abra created is then read from Docker.
 *
 * @example
 * ```ts
 * abraStackName("warm-demo.ci.local"); // "warm-demo_ci_local"
 * ```
 */
export function abraStackName(domain: string, env: Record<string, string> = {}): string {
  return env.STACK_NAME || domain.replace(/\./g, "_").slice(0, ABRA_MAX_STACK_NAME_LENGTH);
}

/**
 * Refuse an app whose stack name, as abra would make it, is not the one cc-warm tracks (its
 * locks, MANIFEST and volumes use `stack`): a domain over 40 characters, or a `STACK_NAME` in
 * the app's env that differs.
 *
 * @example
 * ```ts
 * assertAbraStackName({ domain: "warm-demo.ci.local", stack: "warm-demo_ci_local" });
 * ```
 */
export function assertAbraStackName(app: { domain: string; stack: string }, env: Record<string, string> = {}): void {
  const abra = abraStackName(app.domain, env);
  if (abra !== app.stack) {
    throw new InputError("domain", `abra names the stack of ${app.domain} "${abra}" but cc-warm tracks it as "${app.stack}"; use a domain of at most 40 characters (and no STACK_NAME in the app's .env)`);
  }
}

/**
 * After abra acted: the stack must exist under the tracked name, read from Docker's
 * `com.docker.stack.namespace` label (never assumed). Throws `InfraError` listing the stacks
 * Docker has otherwise.
 *
 * @example
 * ```ts
 * await confirmStackFromLabels("warm-demo_ci_local", "warm-demo.ci.local");
 * ```
 */
export async function confirmStackFromLabels(stack: string, domain: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  const fmt = '{{index .Spec.Labels "com.docker.stack.namespace"}}';
  const ids = (await runCommandOrThrow("docker", ["service", "ls", "-q", "--filter", "label=com.docker.stack.namespace"], options)).stdout.split("\n").filter(Boolean);
  const names = ids.length ? (await runCommandOrThrow("docker", ["service", "inspect", "--format", fmt, ...ids], options)).stdout.split("\n").filter(Boolean) : [];
  if (names.includes(stack)) return;
  const others = [...new Set(names)].sort().slice(0, 20).join(", ") || "none";
  throw new InfraError(`abra deployed ${domain} but Docker has no service labelled com.docker.stack.namespace=${stack} (stacks: ${others})`);
}
