import type { Config } from "../config/types.ts";
import { ConfigError, InputError } from "../errors.ts";

/** Warm infrastructure apps that live at `warm-<name>.<ciDomain>` (live-warm, never canonicals). */
export const WARM_INFRA_APPS: readonly string[] = ["keycloak", "traefik"];

/** Folder names under the state dir that are not recipes (a recipe must not be called these). */
export const RESERVED_STATE_NAMES: readonly string[] = ["locks", "apps", "abra", "alerts", "sweeps", "infra", "registry", "tmp"];

/**
 * The stable domain of a recipe's canonical app: `warm-<recipe>.<ciDomain>`.
 *
 * @example
 * ```ts
 * canonicalDomain("demo", config); // "warm-demo.ci.example.org"
 * ```
 */
export function canonicalDomain(recipe: string, config: Pick<Config, "ciDomain">): string {
  return `warm-${recipe}.${config.ciDomain}`;
}

/**
 * The domain of the live-warm Keycloak (config `keycloak.domain`, else `warm-keycloak.<ciDomain>`).
 *
 * @example
 * ```ts
 * warmKeycloakDomain(config); // "warm-keycloak.ci.example.org"
 * ```
 */
export function warmKeycloakDomain(config: Pick<Config, "ciDomain" | "keycloak">): string {
  return config.keycloak.domain ?? `warm-keycloak.${config.ciDomain}`;
}

/**
 * Refuse a recipe whose canonical domain would collide with live-warm infrastructure (a recipe
 * named `keycloak` must not take `warm-keycloak`: a production lesson).
 *
 * @example
 * ```ts
 * assertNoInfraCollision("keycloak", config); // throws InputError
 * ```
 */
export function assertNoInfraCollision(recipe: string, config: Pick<Config, "ciDomain" | "keycloak">): void {
  if (RESERVED_STATE_NAMES.includes(recipe) || recipe.startsWith("infra-")) {
    throw new InputError("recipe", `"${recipe}" cannot have a canonical: <stateDir>/${recipe} is reserved for cc-warm's own state`);
  }
  const domain = canonicalDomain(recipe, config);
  const reserved = new Set([warmKeycloakDomain(config), ...WARM_INFRA_APPS.map((a) => `warm-${a}.${config.ciDomain}`)]);
  if (reserved.has(domain)) {
    throw new InputError("recipe", `"${recipe}" cannot have a canonical: ${domain} is the live-warm infrastructure's domain`);
  }
}

/**
 * Check the whole enrollment in a config: every enrolled recipe's canonical domain is free.
 * Throws a ConfigError naming the recipe.
 *
 * @example
 * ```ts
 * assertEnrollmentValid(config, "/etc/cc-warm/config.json");
 * ```
 */
export function assertEnrollmentValid(config: Config, source = "config"): void {
  for (const recipe of Object.keys(config.recipes)) {
    try {
      assertNoInfraCollision(recipe, config);
    } catch (cause) {
      throw new ConfigError(source, `recipes.${recipe}: ${(cause as Error).message.replace(/^recipe: /, "")}`, { cause });
    }
  }
}
