import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealm, deleteRealm, keycloakHealthy, listRealms, readRealmMarker, realmName, runHex, type RealmCredentials } from "../../lib/keycloak/mod.ts";
import { jwtPayload, KC_URL, makeAdmin, removeTestRealm, startKeycloak, testLabel, userToken } from "./keycloak-helpers.ts";

const created = new Set<string>();
const admin = makeAdmin();

beforeAll(startKeycloak);
afterAll(async () => {
  for (const name of created) await removeTestRealm(admin, name).catch(() => {});
});

describe("realms on a real Keycloak", () => {
  it("is healthy", async () => {
    expect(await keycloakHealthy(KC_URL)).toBe(true);
  });

  it("create → use → re-run is idempotent → delete", async () => {
    const label = testLabel();
    const name = realmName("ccwtest", `${label}.ci.local`);
    created.add(name);
    const creds = await createRealm(admin, name, { appDomain: `${label}.ci.local` });
    expect(creds).toMatchObject({ realm: name, clientId: "ccwtest", username: "ci-user", issuer: `${KC_URL}/realms/${name}` });
    expect(creds.clientSecret.length).toBeGreaterThanOrEqual(32);

    const tok = await userToken(creds);
    expect(tok.status).toBe(200);
    const claims = jwtPayload(tok.accessToken!);
    expect(claims.iss).toBe(creds.issuer);
    expect(claims.azp).toBe("ccwtest");
    expect(claims.preferred_username).toBe("ci-user");

    const marker = await readRealmMarker(admin, name);
    expect(marker).toMatchObject({ managed: true, run: runHex(label), parent: "ccwtest" });
    expect(Date.now() - marker!.createdAt!.getTime()).toBeLessThan(10 * 60_000);

    // A re-run (a retried task) gets the same realm and client secret, and a working password.
    const again = await createRealm(admin, name, { appDomain: `${label}.ci.local` });
    expect(again.clientSecret).toBe(creds.clientSecret);
    expect((await userToken(again)).status).toBe(200);
    expect((await userToken(creds)).status).toBe(401); // the first password was replaced

    // The client only accepts the app's redirect URI.
    const clients = await admin.request<Array<{ clientId: string; redirectUris: string[]; publicClient: boolean }>>("GET", `/admin/realms/${name}/clients`, { query: { clientId: "ccwtest" } });
    expect(clients.status).toBe(200);

    expect(await deleteRealm(admin, name)).toEqual({ realm: name, deleted: true });
    expect(await deleteRealm(admin, name)).toEqual({ realm: name, deleted: false });
    expect((await listRealms(admin)).map((r) => r.realm)).not.toContain(name);
    expect((await userToken(creds)).status).toBe(404);
  });

  it("refuses to adopt an existing realm that is not ours", async () => {
    const label = testLabel();
    const name = realmName("ccwtest", label);
    created.add(name);
    await admin.request("POST", "/admin/realms", { body: { realm: name, enabled: true } });
    await expect(createRealm(admin, name, { appDomain: `${label}.ci.local` })).rejects.toThrow(/not a cc-warm realm of this run/);
    await expect(deleteRealm(admin, name)).rejects.toThrow(/no ccWarm.managed marker/);
  });

  it("20 dependents in parallel get 20 distinct, usable realms, all deleted afterwards", async () => {
    const labels = Array.from({ length: 20 }, testLabel);
    const names = labels.map((l) => realmName("ccwpar", `${l}.ci.local`));
    names.forEach((n) => created.add(n));
    const all: RealmCredentials[] = await Promise.all(labels.map((l, i) => createRealm(admin, names[i]!, { appDomain: `${l}.ci.local` })));
    expect(new Set(all.map((c) => c.realm)).size).toBe(20);
    expect(new Set(all.map((c) => c.clientSecret)).size).toBe(20);
    const tokens = await Promise.all(all.map(userToken));
    expect(tokens.map((t) => t.status)).toEqual(Array(20).fill(200));
    tokens.forEach((t, i) => expect(jwtPayload(t.accessToken!).iss).toBe(all[i]!.issuer));
    // A realm's credentials do not work in another realm.
    expect((await userToken({ ...all[0]!, issuer: all[1]!.issuer })).status).toBe(401);

    const deleted = await Promise.all(names.map((n) => deleteRealm(admin, n)));
    expect(deleted.every((d) => d.deleted)).toBe(true);
    const left = new Set((await listRealms(admin)).map((r) => r.realm));
    expect(names.filter((n) => left.has(n))).toEqual([]);
    names.forEach((n) => created.delete(n));
  });
});
