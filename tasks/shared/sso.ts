import { canonicalDomain } from "../../lib/canonical/naming.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { keycloakAdminFromConfig } from "../../lib/keycloak/config.ts";
import { createRealm, type RealmCredentials } from "../../lib/keycloak/create.ts";
import { deleteRealm } from "../../lib/keycloak/delete.ts";
import { realmName } from "../../lib/keycloak/names.ts";
import type { TaskContext } from "../../lib/runner/task.ts";

/** A canonical deploy's realm on the warm Keycloak and the env the recipe reads it from. */
export interface CanonicalRealm {
  credentials: RealmCredentials;
  /** e.g. { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER } per the recipe's `sso` config. */
  env: Record<string, string>;
}

/**
 * Create (idempotently) the realm for a deploy of the recipe's canonical, for a recipe that
 * declares SSO; undefined otherwise. Its secrets are registered for masking.
 *
 * @example
 * ```ts
 * const realm = await createCanonicalRealm(ctx, env); // then deploy with realm?.env
 * ```
 */
export async function createCanonicalRealm<P extends { recipe: string }>(ctx: TaskContext<P>, env: CommandEnv): Promise<CanonicalRealm | undefined> {
  const sso = env.config.recipes[ctx.params.recipe]?.sso;
  if (!sso) return undefined;
  const admin = keycloakAdminFromConfig(env.config, { onSecret: (s) => ctx.secret(s) });
  const domain = canonicalDomain(ctx.params.recipe, env.config);
  const credentials = await createRealm(admin, realmName(ctx.params.recipe, domain), { appDomain: domain, signal: ctx.signal });
  ctx.secret(credentials.clientSecret);
  ctx.secret(credentials.password);
  ctx.log(`realm ${credentials.realm} ready (client ${credentials.clientId})`);
  return {
    credentials,
    env: { [sso.clientIdEnv]: credentials.clientId, [sso.clientSecretEnv]: credentials.clientSecret, [sso.issuerEnv]: credentials.issuer },
  };
}

/**
 * Delete a realm made by {@linkcode createCanonicalRealm} (teardown; idempotent).
 *
 * @example
 * ```ts
 * await deleteCanonicalRealm(ctx, env, ctx.output(realmTask));
 * ```
 */
export async function deleteCanonicalRealm<P>(ctx: TaskContext<P>, env: CommandEnv, realm: CanonicalRealm | undefined): Promise<boolean> {
  if (!realm) return false;
  const admin = keycloakAdminFromConfig(env.config, { onSecret: (s) => ctx.secret(s) });
  await deleteRealm(admin, realm.credentials.realm, { signal: ctx.signal });
  ctx.log(`realm ${realm.credentials.realm} deleted`);
  return true;
}
