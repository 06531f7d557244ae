/**
 * A live-warm infrastructure app as the reconciler sees it: its app ref (stable domain, stack,
 * recipe checkout), health URL, statefulness and snapshot area.
 * @module
 */
import { warmKeycloakDomain } from "../canonical/naming.ts";
import type { Config } from "../config/types.ts";
import type { AppRef } from "../deploy/types.ts";
import { recipeSource } from "../deploy/abra-dir.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { ConfigError, InputError } from "../errors.ts";
import { keycloakUrl } from "../keycloak/config.ts";

/** Everything the reconciler needs to know about one infra app. */
export interface InfraApp {
  /** Stable domain, stack and recipe checkout. */
  app: AppRef;
  /** Snapshot the data before an upgrade, restore it on rollback. */
  stateful: boolean;
  /** Must answer 200 after a deploy; undefined: convergence alone decides. */
  healthUrl: string | undefined;
  /** How long a deploy may take to become healthy. */
  convergeMs: number;
  /** The snapshot area's name under the state dir: `infra-<app>` (never a canonical's). */
  snapshotName: string;
}

/**
 * Resolve `config.infra.<name>`. The Keycloak app (`keycloak.recipe`) lives at the Keycloak domain
 * and is health-checked at `<keycloak url>/realms/master` unless `healthUrl` says otherwise.
 * Throws an `InputError` (key `app`) for an app that is not configured.
 *
 * @example
 * ```ts
 * const { app, healthUrl } = infraApp("keycloak", config);
 * ```
 */
export function infraApp(name: string, config: Config): InfraApp {
  const entry = config.infra[name];
  if (!entry) throw new InputError("app", `"${name}" is not a configured infra app (config infra: ${Object.keys(config.infra).join(", ") || "none"})`);
  const isKeycloak = name === config.keycloak.recipe;
  const domain = entry.domain ?? (isKeycloak ? warmKeycloakDomain(config) : `warm-${name}.${config.ciDomain}`);
  const recipeDir = recipeSource(entry.source, name, config.deployer);
  if (!recipeDir) throw new ConfigError("config", `infra.${name}.source: needed by the docker-stack deployer (a git repository of the recipe)`);
  const healthUrl = entry.healthUrl ?? (isKeycloak ? `${keycloakUrl(config).replace(/\/+$/, "")}/realms/master` : undefined);
  return {
    app: { recipe: name, domain, stack: stackNameFromDomain(domain), recipeDir },
    stateful: entry.stateful,
    healthUrl,
    convergeMs: entry.convergeTimeoutMinutes * 60_000,
    snapshotName: `infra-${name}`.slice(0, 32).replace(/-+$/, ""),
  };
}
