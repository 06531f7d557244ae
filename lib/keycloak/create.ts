import { InputError } from "../errors.ts";
import { domainSchema, parseInput, realmNameSchema } from "../validate/mod.ts";
import type { KeycloakAdmin } from "./admin.ts";
import { markerAttributes, readMarker } from "./markers.ts";
import { parseRealmName } from "./names.ts";
import { ensureClient, ensureUser, readClientSecret } from "./realm-parts.ts";
import { clientRepresentation, generateSecret, userRepresentation } from "./representations.ts";
import { realmSchema } from "./schemas.ts";

/** Realm creation and deletion take seconds and queue behind each other on a busy server. */
export const HEAVY_TIMEOUT_MS: number = 120_000;

/** Options for {@linkcode createRealm}. */
export interface CreateRealmOptions {
  /** The dependent app's domain: redirect URIs default to `https://<appDomain>/*`. */
  appDomain: string;
  /** OIDC client id (default: the realm's parent, e.g. the recipe). */
  clientId?: string;
  redirectUris?: readonly string[];
  /** Test user (default `ci-user`); its password is generated unless given. */
  username?: string;
  password?: string;
  /** Base of the issuer apps see (default: the admin URL), e.g. `https://warm-keycloak.ci.example.org`. */
  issuerBaseUrl?: string;
  now?: Date;
  /** Deadline of the realm POST in ms (default 120 000: Keycloak serialises realm creation). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a dependent app needs to use its realm. `clientSecret` and `password` are secrets. */
export interface RealmCredentials {
  realm: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  issuer: string;
}

/**
 * Create (or, on a re-run, complete and return) a run's realm with a confidential OIDC client
 * and a test user, marked with `ccWarm.*` attributes for the reaper. One POST in the common
 * case; on 409 the existing realm is adopted only if it carries our marker for the same run.
 *
 * @example
 * ```ts
 * const creds = await createRealm(admin, realmName("demo", runDomain), { appDomain: runDomain });
 * ```
 */
export async function createRealm(admin: KeycloakAdmin, name: string, options: CreateRealmOptions): Promise<RealmCredentials> {
  const parsed = parseRealmName(parseInput("realm", realmNameSchema, name));
  if (!parsed) throw new InputError("realm", `must be <parent>-<6 hex> as made by realmName (got ${JSON.stringify(name)})`);
  const appDomain = parseInput("appDomain", domainSchema, options.appDomain);
  const clientId = options.clientId ?? parsed.parent;
  const username = options.username ?? "ci-user";
  const password = options.password ?? generateSecret();
  const redirectUris = options.redirectUris ?? [`https://${appDomain}/*`];
  admin.secret(password);
  const base = `/admin/realms/${encodeURIComponent(name)}`;
  const issuer = `${(options.issuerBaseUrl ?? admin.baseUrl).replace(/\/+$/, "")}/realms/${name}`;

  let clientSecret = generateSecret(32);
  admin.secret(clientSecret);
  const realm = {
    realm: name,
    enabled: true,
    attributes: markerAttributes({ parent: parsed.parent, run: parsed.hex, createdAt: options.now ?? new Date() }),
    clients: [clientRepresentation(clientId, clientSecret, redirectUris)],
    users: [userRepresentation(username, password, appDomain)],
  };
  const created = await admin.request("POST", "/admin/realms", { body: realm, accept: [409], timeoutMs: options.timeoutMs ?? HEAVY_TIMEOUT_MS, signal: options.signal });
  if (created.status === 409) {
    const { data } = await admin.request("GET", base, { schema: realmSchema, signal: options.signal });
    const marker = readMarker(data?.attributes);
    if (!marker.managed || marker.run !== parsed.hex) {
      throw new InputError("realm", `${name} exists and is not a cc-warm realm of this run; refusing to adopt it`);
    }
    const id = await ensureClient(admin, name, clientRepresentation(clientId, clientSecret, redirectUris), { signal: options.signal });
    clientSecret = await readClientSecret(admin, name, id, { signal: options.signal });
    await ensureUser(admin, name, { username, password, emailDomain: appDomain, signal: options.signal });
  }
  return { realm: name, clientId, clientSecret, username, password, issuer };
}
