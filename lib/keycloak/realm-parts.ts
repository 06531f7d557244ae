import { z } from "zod";
import { InfraError } from "../errors.ts";
import type { KeycloakAdmin } from "./admin.ts";
import { passwordCredential, userRepresentation } from "./representations.ts";
import { clientSchema, clientSecretSchema, userSchema } from "./schemas.ts";

const realmBase = (realm: string) => `/admin/realms/${encodeURIComponent(realm)}`;

/**
 * The internal id of the client `rep.clientId` in `realm`, creating it from `rep` if missing.
 * A concurrent creator's 409 is fine: the client is looked up again.
 */
export async function ensureClient(admin: KeycloakAdmin, realm: string, rep: Record<string, unknown>, options: { signal?: AbortSignal }): Promise<string> {
  const find = async () => {
    const { data } = await admin.request("GET", `${realmBase(realm)}/clients`, {
      query: { clientId: String(rep.clientId) },
      schema: z.array(clientSchema),
      signal: options.signal,
    });
    return data?.find((c) => c.clientId === rep.clientId)?.id;
  };
  const existing = await find();
  if (existing) return existing;
  await admin.request("POST", `${realmBase(realm)}/clients`, { body: rep, accept: [409], signal: options.signal });
  const id = await find();
  if (!id) throw new InfraError(`Keycloak did not keep client ${String(rep.clientId)} in realm ${realm}`);
  return id;
}

/** The client's current secret (`GET …/clients/{id}/client-secret`), reported to `onSecret`. */
export async function readClientSecret(admin: KeycloakAdmin, realm: string, id: string, options: { signal?: AbortSignal }): Promise<string> {
  const { data } = await admin.request("GET", `${realmBase(realm)}/clients/${encodeURIComponent(id)}/client-secret`, {
    schema: clientSecretSchema,
    signal: options.signal,
  });
  admin.secret(data!.value);
  return data!.value;
}

/** Options for {@linkcode ensureUser}. */
export interface EnsureUserOptions {
  username: string;
  password: string;
  emailDomain: string;
  signal?: AbortSignal;
}

/** Create the test user if missing, then set its password (so a re-run's password works). */
export async function ensureUser(admin: KeycloakAdmin, realm: string, options: EnsureUserOptions): Promise<string> {
  const { signal } = options;
  const find = async () => {
    const { data } = await admin.request("GET", `${realmBase(realm)}/users`, {
      query: { username: options.username, exact: true },
      schema: z.array(userSchema),
      signal,
    });
    return data?.find((u) => u.username === options.username)?.id;
  };
  let id = await find();
  if (!id) {
    const rep = userRepresentation(options.username, options.password, options.emailDomain);
    await admin.request("POST", `${realmBase(realm)}/users`, { body: rep, accept: [409], signal });
    id = await find();
  }
  if (!id) throw new InfraError(`Keycloak did not keep user ${options.username} in realm ${realm}`);
  await admin.request("PUT", `${realmBase(realm)}/users/${encodeURIComponent(id)}/reset-password`, { body: passwordCredential(options.password), signal });
  return id;
}
