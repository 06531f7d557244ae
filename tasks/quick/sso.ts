import { canonicalDomain } from "../../lib/canonical/naming.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { keycloakAdminFromConfig } from "../../lib/keycloak/config.ts";
import { createRealm, type RealmCredentials } from "../../lib/keycloak/create.ts";
import { deleteRealm } from "../../lib/keycloak/delete.ts";
import { realmName } from "../../lib/keycloak/names.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import type { QuickParams } from "./params.ts";

/** A run's realm on the warm Keycloak and the env the recipe reads it from. */
export interface RunRealm {
  credentials: RealmCredentials;
  /** e.g. { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER } per the recipe's `sso` config. */
  env: Record<string, string>;
}

/** Create the run's realm (idempotent) for a recipe that declares SSO; undefined otherwise. */
export async function createRunRealm(ctx: TaskContext<QuickParams>, env: CommandEnv): Promise<RunRealm | undefined> {
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

/** Delete the run's realm (teardown; idempotent). */
export async function deleteRunRealm(ctx: TaskContext<QuickParams>, env: CommandEnv, realm: RunRealm | undefined): Promise<boolean> {
  if (!realm) return false;
  const admin = keycloakAdminFromConfig(env.config, { onSecret: (s) => ctx.secret(s) });
  await deleteRealm(admin, realm.credentials.realm, { signal: ctx.signal });
  ctx.log(`realm ${realm.credentials.realm} deleted`);
  return true;
}
