/**
 * Realm create + delete through lib/keycloak against the same REST calls made directly with
 * fetch, interleaved, on the loopback Keycloak process (`bash scripts/infra/keycloak-process.sh
 * start`). Both sides reuse one admin token (ours caches it; the baseline fetches it once), so
 * the comparison is the per-realm work: ours = POST realm (createRealm) + GET realm to check the
 * marker + DELETE (deleteRealm); the baseline makes exactly those three calls with the same body.
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRealm } from "../lib/keycloak/create.ts";
import { deleteRealm } from "../lib/keycloak/delete.ts";
import { KeycloakAdmin } from "../lib/keycloak/admin.ts";
import { markerAttributes } from "../lib/keycloak/markers.ts";
import { clientRepresentation, generateSecret, userRepresentation } from "../lib/keycloak/representations.ts";
import { type BenchRow, median, row } from "./table.ts";
import { interleave, load } from "./util.ts";

const URL_ = process.env.CC_WARM_KEYCLOAK_URL ?? "http://127.0.0.1:18080";
const PASSWORD_FILE = `${process.env.CCW_CACHE ?? "/var/cache/cc-warm"}/keycloak-process/admin-password`;
const ROUNDS = Number(process.env.CCW_BENCH_KC_ROUNDS ?? 7);

const appDomain = (hex: string) => `ccw-bench-${hex}.test`;

async function rawToken(password: string): Promise<string> {
  const body = new URLSearchParams({ client_id: "admin-cli", grant_type: "password", username: "admin", password });
  const res = await fetch(`${URL_}/realms/master/protocol/openid-connect/token`, { method: "POST", body });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The same three calls lib/keycloak makes, with fetch and nothing else. */
async function rawCreateDelete(token: () => Promise<string>): Promise<void> {
  const hex = randomBytes(3).toString("hex");
  const name = `ccw-bench-${hex}`;
  const domain = appDomain(hex);
  const realm = {
    realm: name, enabled: true,
    attributes: markerAttributes({ parent: "ccw-bench", run: hex, createdAt: new Date() }),
    clients: [clientRepresentation("ccw-bench", generateSecret(32), [`https://${domain}/*`])],
    users: [userRepresentation("ci-user", generateSecret(), domain)],
  };
  const h = async (json: boolean) => ({ authorization: `Bearer ${await token()}`, accept: "application/json", ...(json ? { "content-type": "application/json" } : {}) });
  const post = await fetch(`${URL_}/admin/realms`, { method: "POST", headers: await h(true), body: JSON.stringify(realm) });
  await post.body?.cancel();
  if (post.status !== 201) throw new Error(`POST realm: HTTP ${post.status}`);
  const get = await fetch(`${URL_}/admin/realms/${name}`, { headers: await h(false) });
  await get.json();
  const del = await fetch(`${URL_}/admin/realms/${name}`, { method: "DELETE", headers: await h(false) });
  await del.body?.cancel();
  if (del.status !== 204) throw new Error(`DELETE realm: HTTP ${del.status}`);
}

/** createRealm + deleteRealm vs the same REST calls with fetch (median of ≥ 5 each, interleaved). */
export async function benchKeycloak(): Promise<BenchRow[]> {
  const password = readFileSync(PASSWORD_FILE, "utf8").replace(/\r?\n$/, "");
  const admin = new KeycloakAdmin({ url: URL_, password: async () => password });
  // The baseline's token, renewed every 45 s (Keycloak's default lifetime is 60 s), like ours.
  let cached: { value: string; at: number } | undefined;
  const token = async () => {
    if (!cached || Date.now() - cached.at > 45_000) cached = { value: await rawToken(password), at: Date.now() };
    return cached.value;
  };
  const ours = async () => {
    const hex = randomBytes(3).toString("hex");
    const creds = await createRealm(admin, `ccw-bench-${hex}`, { appDomain: appDomain(hex) });
    await deleteRealm(admin, creds.realm);
  };
  await ours(); // warm-up both (token, JIT, Keycloak caches)
  await rawCreateDelete(token);
  const res = await interleave(ROUNDS, { log: "keycloak", ours, base: () => rawCreateDelete(token) });
  return [row("keycloak", `realm create + delete via lib/keycloak vs the same 3 REST calls with fetch (median of ${ROUNDS}, interleaved)`, median(res.ours), median(res.base), "ms", { op: "<=", value: 1.2 },
    `load ${load()}`)];
}
