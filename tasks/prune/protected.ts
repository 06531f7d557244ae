import { readRegistry } from "../../lib/canonical/registry-store.ts";
import { canonicalDomain, WARM_INFRA_APPS, warmKeycloakDomain } from "../../lib/canonical/naming.ts";
import type { Config } from "../../lib/config/types.ts";
import type { DockerInventory } from "../../lib/disk/inventory.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";

/** Stacks whose name starts with this are warm (canonicals and warm infrastructure). */
export const WARM_STACK_PREFIX = "warm-";

/** A protected stack and why. */
export interface ProtectedStack {
  /** The stack name. */
  stack: string;
  /** Why it is protected. */
  why: string;
}

/**
 * The stacks prune never touches, nor their volumes: every enrolled recipe's canonical, every
 * canonical in the registry (even if no longer enrolled), the warm Keycloak and the other warm
 * infrastructure (traefik), and — belt and braces, in case `ciDomain` changed or abra names a
 * stack differently — every stack in Docker whose name starts with `warm-`.
 *
 * @example
 * ```ts
 * const stacks = await protectedStacks(config, await readDockerInventory({}));
 * ```
 */
export async function protectedStacks(config: Config, inv: Pick<DockerInventory, "services" | "volumes">): Promise<ProtectedStack[]> {
  const out = new Map<string, string>();
  const add = (stack: string, why: string): void => void (out.has(stack) || out.set(stack, why));
  for (const r of Object.keys(config.recipes)) add(stackNameFromDomain(canonicalDomain(r, config)), `canonical of enrolled recipe ${r}`);
  for (const [r, entry] of Object.entries((await readRegistry(config.stateDir)).canonicals)) {
    const why = Object.hasOwn(config.recipes, r) ? `canonical of ${r} (registry)` : `canonical of ${r}, no longer in the config (warm data: only \`cc-warm retire recipe=${r}\` removes it)`;
    add(entry.stack ?? stackNameFromDomain(entry.domain ?? canonicalDomain(r, config)), why);
  }
  add(stackNameFromDomain(warmKeycloakDomain(config)), "warm Keycloak");
  for (const app of WARM_INFRA_APPS) add(stackNameFromDomain(`warm-${app}.${config.ciDomain}`), `warm infrastructure (${app})`);
  for (const s of [...inv.services.map((x) => x.stack), ...inv.volumes.map((x) => x.stack)]) {
    if (s?.startsWith(WARM_STACK_PREFIX)) add(s, "warm stack (name starts with warm-)");
  }
  return [...out].map(([stack, why]) => ({ stack, why })).sort((a, b) => a.stack.localeCompare(b.stack));
}
