import type { Config } from "../config/types.ts";
import { warmKeycloakDomain } from "../canonical/naming.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { KeycloakAdmin, type KeycloakAdminOptions } from "./admin.ts";

/** Options for {@linkcode keycloakAdminFromConfig}: everything but what the config provides. */
export type AdminFromConfigOptions = Omit<KeycloakAdminOptions, "url" | "username" | "password">;

/**
 * The warm Keycloak's base URL: `keycloak.url`, else `https://<keycloak.domain>`, else
 * `https://warm-<keycloak.recipe>.<ciDomain>`.
 *
 * @example
 * ```ts
 * keycloakUrl(loadConfig()); // "https://warm-keycloak.ci.local"
 * ```
 */
export function keycloakUrl(config: Config): string {
  const { url, domain, recipe } = config.keycloak;
  return url ?? `https://${domain ?? `warm-${recipe}.${config.ciDomain}`}`;
}

/**
 * A {@linkcode KeycloakAdmin} for the warm Keycloak described by the config. A `docker-secret`
 * password is read from the warm Keycloak's own stack (derived from its domain) unless `stack`
 * is given (and `service`, default `app`).
 *
 * @example
 * ```ts
 * const admin = keycloakAdminFromConfig(loadConfig(), { onSecret: (s) => ctx.secret(s) });
 * ```
 */
export function keycloakAdminFromConfig(config: Config, options: AdminFromConfigOptions = {}): KeycloakAdmin {
  const stack = options.stack ?? stackNameFromDomain(warmKeycloakDomain(config));
  return new KeycloakAdmin({ ...options, stack, url: keycloakUrl(config), username: config.keycloak.adminUser, password: config.keycloak.adminPassword });
}
