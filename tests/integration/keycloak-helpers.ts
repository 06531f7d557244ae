// Shared setup for the keycloak integration tests: a real Keycloak process (started by the
// project's own idempotent script; a failure to start fails the tests, never skips them).
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { KeycloakAdmin, type KeycloakAdminOptions } from "../../lib/keycloak/mod.ts";

export const KC_URL = "http://127.0.0.1:18080";
export const PASSWORD_FILE = `${process.env.CCW_CACHE ?? "/var/cache/cc-warm"}/keycloak-process/admin-password`;

export async function startKeycloak(): Promise<void> {
  await runCommandOrThrow("bash", ["scripts/infra/keycloak-process.sh", "start"], { timeoutMs: 300_000 });
}

export async function adminPassword(): Promise<string> {
  return (await readFile(PASSWORD_FILE, "utf8")).trim();
}

export function makeAdmin(extra: Partial<KeycloakAdminOptions> = {}): KeycloakAdmin {
  return new KeycloakAdmin({ url: KC_URL, password: { from: "file", path: PASSWORD_FILE }, ...extra });
}

/** `ccw-test-keycloak-<6 random hex>`: a per-test run label. */
export function testLabel(): string {
  return `ccw-test-keycloak-${randomBytes(3).toString("hex")}`;
}

/** A password-grant token for a realm's test user, through the realm's own token endpoint. */
export async function userToken(c: { issuer: string; clientId: string; clientSecret: string; username: string; password: string }): Promise<{ status: number; accessToken?: string }> {
  const res = await fetch(`${c.issuer}/protocol/openid-connect/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "password", client_id: c.clientId, client_secret: c.clientSecret, username: c.username, password: c.password, scope: "openid" }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string };
  return { status: res.status, accessToken: body.access_token };
}

/** The payload of a JWT (no verification: the token came straight from Keycloak). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

/** Test cleanup: delete a realm this test made, marker or not; a missing realm is fine. */
export async function removeTestRealm(admin: KeycloakAdmin, name: string): Promise<void> {
  if (!name.startsWith("ccw")) throw new Error(`not a test realm: ${name}`);
  await admin.request("DELETE", `/admin/realms/${encodeURIComponent(name)}`, { accept: [404], timeoutMs: 120_000 });
}
