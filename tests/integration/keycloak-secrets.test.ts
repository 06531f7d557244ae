// Secrets (admin password, tokens, client secrets, user passwords) never appear in log lines or
// error messages, even when errors are provoked on purpose. Real Keycloak, real swarm secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRealm, KeycloakAdmin, realmName, resolvePassword, type RealmCredentials } from "../../lib/keycloak/mod.ts";
import { adminPassword, KC_URL, makeAdmin, removeTestRealm, startKeycloak, testLabel } from "./keycloak-helpers.ts";
import { deployTestStack, type TestStack, waitRunning } from "./keycloak-stack.ts";

const secrets = new Set<string>();
const lines: string[] = [];
const errors: unknown[] = [];
const realms: string[] = [];
const collect = { onSecret: (s: string) => secrets.add(s), log: (l: string) => lines.push(l) };
const admin = makeAdmin(collect);
let stack: TestStack | undefined;

/** Run `fn`, expect it to fail, keep the error for the final scan. */
async function provoke(fn: () => Promise<unknown>): Promise<Error> {
  const err = await fn().then(() => undefined, (e: unknown) => e);
  expect(err, "the call was expected to fail").toBeInstanceOf(Error);
  errors.push(err);
  return err as Error;
}

function everythingPrinted(): string {
  const describe = (e: unknown): string => {
    if (!(e instanceof Error)) return String(e);
    return [e.name, e.message, e.stack ?? "", JSON.stringify(e), e.cause ? describe(e.cause) : ""].join("\n");
  };
  return [...lines, ...errors.map(describe)].join("\n");
}

beforeAll(async () => {
  await startKeycloak();
  secrets.add(await adminPassword());
  stack = await deployTestStack(testLabel(), { adminPassword: await adminPassword() });
  await waitRunning(stack.stack);
});
afterAll(async () => {
  for (const r of realms) await removeTestRealm(makeAdmin(), r).catch(() => {});
  await stack?.remove();
});

describe("secrets stay out of logs and errors", () => {
  it("reads the admin password as a docker secret from inside the running container", async () => {
    const viaSecret = new KeycloakAdmin({ url: KC_URL, password: { from: "docker-secret", path: "/run/secrets/admin_password" }, stack: stack!.stack, ...collect });
    expect((await viaSecret.request("GET", "/admin/realms/master")).status).toBe(200);
    const missing = await provoke(() => resolvePassword({ from: "docker-secret", path: "/run/secrets/nope" }, { stack: stack!.stack }));
    expect(missing.message).toMatch(/reading \/run\/secrets\/nope in container \w+ failed \(exit 1\)/);
    await provoke(() => resolvePassword({ from: "docker-secret", path: "/run/secrets/admin_password" }, { stack: "ccw-test-keycloak-absent" }));
  });

  it("creates realms and provokes every kind of error", async () => {
    const label = testLabel();
    const name = realmName("ccwsec", `${label}.ci.local`);
    realms.push(name);
    const creds: RealmCredentials = await createRealm(admin, name, { appDomain: `${label}.ci.local` });
    [creds.clientSecret, creds.password].forEach((s) => secrets.add(s));
    expect(secrets.size).toBeGreaterThanOrEqual(4); // password, token(s), client secret, user password

    // Wrong admin password: 401 from the token endpoint.
    const wrong = await provoke(() => new KeycloakAdmin({ url: KC_URL, password: async () => `${creds.password}-wrong`, ...collect }).request("GET", "/admin/realms"));
    expect(wrong.message).toBe("Keycloak POST /realms/master/protocol/openid-connect/token: HTTP 401 invalid_grant (password grant)");
    // A 404 from the admin API.
    await provoke(() => admin.request("GET", "/admin/realms/ccw-test-keycloak-nope"));
    // A response holding the client secret, rejected by its schema.
    const { data: clients } = await admin.request("GET", `/admin/realms/${name}/clients`, { query: { clientId: "ccwsec" }, schema: z.array(z.looseObject({ id: z.string() })) });
    const bad = await provoke(() => admin.request("GET", `/admin/realms/${name}/clients/${clients![0]!.id}/client-secret`, { schema: z.object({ value: z.number() }) }));
    expect(bad.message).toMatch(/unexpected response \(value\)/);
    // A realm POST with the secret inside, refused (409 on a realm that is not ours).
    const foreign = realmName("ccwsec", testLabel());
    realms.push(foreign);
    await admin.request("POST", "/admin/realms", { body: { realm: foreign, enabled: true } });
    await provoke(() => createRealm(admin, foreign, { appDomain: "x.ci.local", password: creds.password }));
    // A timeout and an unreachable server.
    await provoke(() => admin.request("GET", "/admin/realms", { timeoutMs: 1 }));
    await provoke(() => new KeycloakAdmin({ url: "http://127.0.0.1:1", password: async () => creds.password, ...collect }).request("GET", "/admin/realms"));
    // Deleting master is refused.
    await provoke(() => import("../../lib/keycloak/mod.ts").then((m) => m.deleteRealm(admin, "master")));

    expect(lines.length).toBeGreaterThan(5);
    expect(errors.length).toBeGreaterThanOrEqual(8);
    const printed = everythingPrinted();
    for (const s of secrets) expect(printed.includes(s), `a secret of length ${s.length} was printed`).toBe(false);
    expect(printed).not.toMatch(/Bearer|access_token|"value"/);
  });
});
