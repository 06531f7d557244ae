/**
 * Retiring a canonical: the only way warm data is ever deleted. What it removes is listed first
 * (a dry run shows exactly that list), then removed in an order that keeps a half-done retire
 * retryable: the registry entry, which makes the canonical exist for every other command, goes last.
 * @module
 */
import { existsSync } from "node:fs";
import type { Config } from "../config/types.ts";
import { appEnvPath } from "../deploy/app-env.ts";
import { SECRET_OWNER_LABEL } from "../deploy/secrets.ts";
import { stackIsDeployed } from "../deploy/stack-common.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { runCommandOrThrow } from "../exec/command.ts";
import { snapshotLayout } from "../volumes/layout.ts";
import { canonicalDomain } from "./naming.ts";
import { getCanonical } from "./registry.ts";

/** Everything a canonical holds, as found on this host. */
export interface RetirePlan {
  recipe: string;
  domain: string;
  stack: string;
  /** Still in the config's `recipes` (the next green cold run would seed it again). */
  enrolled: boolean;
  /** Services of the stack are running. */
  deployed: boolean;
  /** Docker volumes of the stack. */
  volumes: string[];
  /** Docker secrets of the stack (named `<stack>_…` or labelled as cc-warm's). */
  secrets: string[];
  /** Docker configs of the stack. */
  configs: string[];
  /** `<stateDir>/<recipe>` (the known-good and its work directories), when it exists. */
  snapshotDir: string | undefined;
  /** The app env file cc-warm keeps for it, when it exists. */
  appEnv: string | undefined;
  /** It has a registry entry. */
  registryEntry: boolean;
}

/**
 * Find what the canonical of `recipe` holds (read-only). The recipe need not be enrolled any
 * more: its stack comes from the registry entry, else from its canonical domain.
 *
 * @example
 * ```ts
 * const plan = await planRetirement("demo", config);
 * ```
 */
export async function planRetirement(recipe: string, config: Config, options: { signal?: AbortSignal } = {}): Promise<RetirePlan> {
  const { signal } = options;
  const entry = await getCanonical(config.stateDir, recipe);
  const domain = entry?.domain ?? canonicalDomain(recipe, config);
  const stack = entry?.stack ?? stackNameFromDomain(domain);
  const names = async (kind: "volume" | "secret" | "config", filters: string[]) =>
    (await runCommandOrThrow("docker", [kind, "ls", "--format", "{{.Name}}", ...filters.flatMap((f) => ["--filter", f])], { signal })).stdout.split("\n").filter(Boolean);
  const ownLabel = `label=com.docker.stack.namespace=${stack}`;
  const secrets = new Set([...(await names("secret", [`label=${SECRET_OWNER_LABEL}=${stack}`])), ...(await names("secret", [])).filter((n) => n.startsWith(`${stack}_`))]);
  const { recipeDir } = snapshotLayout(config.stateDir, recipe);
  const env = appEnvPath(config.stateDir, domain);
  return {
    recipe, domain, stack,
    enrolled: Object.hasOwn(config.recipes, recipe),
    deployed: await stackIsDeployed(stack, { signal }),
    volumes: (await names("volume", [ownLabel])).sort(),
    secrets: [...secrets].sort(),
    configs: (await names("config", [ownLabel])).sort(),
    snapshotDir: existsSync(recipeDir) ? recipeDir : undefined,
    appEnv: existsSync(env) ? env : undefined,
    registryEntry: entry !== undefined,
  };
}

/**
 * The plan as a flat list of `kind: name` lines (what a dry run shows, what a real run removed).
 *
 * @example
 * ```ts
 * retirementItems(plan); // ["stack: warm-demo_ci_local", "volume: warm-demo_ci_local_data", …]
 * ```
 */
export function retirementItems(plan: RetirePlan): string[] {
  return [
    ...(plan.deployed ? [`stack: ${plan.stack}`] : []),
    ...plan.volumes.map((v) => `volume: ${v}`),
    ...plan.secrets.map((s) => `secret: ${s}`),
    ...plan.configs.map((c) => `config: ${c}`),
    ...(plan.appEnv ? [`app env: ${plan.appEnv}`] : []),
    ...(plan.snapshotDir ? [`known-good: ${plan.snapshotDir}`] : []),
    ...(plan.registryEntry ? [`registry entry: ${plan.recipe}`] : []),
  ];
}
