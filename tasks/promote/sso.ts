import { canonicalDomain } from "../../lib/canonical/naming.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { keycloakAdminFromConfig } from "../../lib/keycloak/config.ts";
import { createRealm } from "../../lib/keycloak/create.ts";
import { deleteRealm } from "../../lib/keycloak/delete.ts";
import { realmName } from "../../lib/keycloak/names.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import type { PromoteParams } from "./params.ts";

/** The realm a `rewarm` deploy of an SSO recipe gets (the same name the quick lane uses). */
export interface PromoteRealm {
  realm: string;
  /** OIDC client id, secret and issuer under the recipe's env names (the secret is registered with ctx.secret). */
  env: Record<string, string>;
}

/**
 * Create the canonical's realm for a fresh `rewarm` deploy of an SSO recipe; undefined otherwise.
 *
 * @example
 * ```ts
 * const realm = await createPromoteRealm(ctx, env, "rewarm"); // env for the fresh deploy: realm?.env
 * ```
 */
export async function createPromoteRealm(ctx: TaskContext<PromoteParams>, env: CommandEnv, strategy: "rewarm" | "adopt"): Promise<PromoteRealm | undefined> {
  const sso = env.config.recipes[ctx.params.recipe]?.sso;
  if (!sso || strategy !== "rewarm") return undefined;
  const admin = keycloakAdminFromConfig(env.config, { onSecret: (s) => ctx.secret(s) });
  const domain = canonicalDomain(ctx.params.recipe, env.config);
  const c = await createRealm(admin, realmName(ctx.params.recipe, domain), { appDomain: domain, signal: ctx.signal });
  ctx.secret(c.clientSecret);
  ctx.secret(c.password);
  ctx.log(`realm ${c.realm} ready for the fresh deploy`);
  return { realm: c.realm, env: { [sso.clientIdEnv]: c.clientId, [sso.clientSecretEnv]: c.clientSecret, [sso.issuerEnv]: c.issuer } };
}

/**
 * Delete that realm (teardown; idempotent).
 *
 * @example
 * ```ts
 * await deletePromoteRealm(ctx, env, ctx.output(realmTask)); // in an always-rule task
 * ```
 */
export async function deletePromoteRealm(ctx: TaskContext<PromoteParams>, env: CommandEnv, realm: PromoteRealm | undefined): Promise<boolean> {
  if (!realm) return false;
  const admin = keycloakAdminFromConfig(env.config, { onSecret: (s) => ctx.secret(s) });
  await deleteRealm(admin, realm.realm, { signal: ctx.signal });
  ctx.log(`realm ${realm.realm} deleted`);
  return true;
}
