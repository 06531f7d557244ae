import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KeycloakAdmin, KeycloakError } from "../../lib/keycloak/mod.ts";
import { TokenCache } from "../../lib/keycloak/token.ts";
import { FAKE_PASSWORD, fakeKeycloak } from "./keycloak-fake.ts";

const URL_ = "http://kc.test";
const admin = (kc: ReturnType<typeof fakeKeycloak>, extra: Partial<ConstructorParameters<typeof KeycloakAdmin>[0]> = {}) =>
  new KeycloakAdmin({ url: `${URL_}/`, password: async () => FAKE_PASSWORD, fetch: kc.fetch, ...extra });

describe("KeycloakAdmin", () => {
  it("gets one token and reuses it for several calls", async () => {
    const kc = fakeKeycloak();
    const a = admin(kc);
    await a.request("GET", "/admin/realms/master", { schema: z.object({ realm: z.string() }) });
    const { data } = await a.request("GET", "/admin/realms/master", { schema: z.object({ realm: z.string() }) });
    expect(data?.realm).toBe("master");
    expect(kc.calls.filter((c) => c.includes("/token"))).toHaveLength(1);
  });

  it("renews the token once for concurrent callers, and again after a 401", async () => {
    const kc = fakeKeycloak();
    const a = admin(kc);
    await Promise.all(Array.from({ length: 10 }, () => a.request("GET", "/admin/realms")));
    expect(kc.tokensIssued).toHaveLength(1);
    kc.reject401 = 1;
    const res = await a.request("GET", "/admin/realms");
    expect(res.status).toBe(200);
    expect(kc.tokensIssued).toHaveLength(2);
  });

  it("reports a second 401 as a KeycloakError with status and endpoint only", async () => {
    const kc = fakeKeycloak();
    kc.reject401 = 2;
    const err = await admin(kc).request("GET", "/admin/realms/x", { query: { q: "v" } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeycloakError);
    expect(err.status).toBe(401);
    expect(err.endpoint).toBe("GET /admin/realms/x");
    expect(err.message).toBe("Keycloak GET /admin/realms/x: HTTP 401");
  });

  it("never puts the password, a token or a response body into errors", async () => {
    const kc = fakeKeycloak();
    const bad = new KeycloakAdmin({ url: URL_, password: async () => "wrong-password-123", fetch: kc.fetch });
    const err1 = await bad.request("GET", "/admin/realms").catch((e) => e);
    expect(err1).toBeInstanceOf(KeycloakError);
    expect(err1.message).toContain("401");
    expect(err1.message).toContain("invalid_grant");
    expect(err1.message).not.toContain("wrong-password-123");
    // The fake echoes the bearer token in a 500 body: it must not surface.
    const err2 = await admin(kc).request("GET", "/admin/realms/x/clients").catch((e) => e);
    expect(err2.status).toBe(500);
    expect(JSON.stringify({ m: err2.message, s: err2.stack })).not.toMatch(/access-token-|Bearer/);
  });

  it("hands the password and every token to onSecret", async () => {
    const kc = fakeKeycloak();
    const secrets: string[] = [];
    process.env.KC_FAKE_PW = FAKE_PASSWORD;
    try {
      await admin(kc, { password: { from: "env", name: "KC_FAKE_PW" }, onSecret: (s) => secrets.push(s) }).request("GET", "/admin/realms");
    } finally {
      delete process.env.KC_FAKE_PW;
    }
    expect(secrets).toContain(FAKE_PASSWORD);
    expect(secrets).toContain("access-token-0");
  });

  it("log lines carry method, path and status only", async () => {
    const kc = fakeKeycloak();
    const lines: string[] = [];
    await admin(kc, { log: (l) => lines.push(l) }).request("GET", "/admin/realms", { query: { briefRepresentation: true } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/admin\/realms -> 200 \(\d+ ms\)$/);
  });

  it("times out a hung request as a KeycloakError with status 0", async () => {
    const hang = (_: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const a = new KeycloakAdmin({ url: URL_, password: async () => FAKE_PASSWORD, fetch: hang, timeoutMs: 50 });
    const err = await a.request("GET", "/admin/realms").catch((e) => e);
    expect(err).toBeInstanceOf(KeycloakError);
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/timed out after 50 ms/);
  });

  it("rethrows the caller's abort reason", async () => {
    const hang = (_: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const a = new KeycloakAdmin({ url: URL_, password: async () => FAKE_PASSWORD, fetch: hang });
    const ctl = new AbortController();
    const p = a.request("GET", "/admin/realms", { signal: ctl.signal }).catch((e) => e);
    ctl.abort(new Error("cancelled by test"));
    expect((await p).message).toBe("cancelled by test");
  });

  it("rejects a response that does not match the schema, naming the path not the value", async () => {
    const kc = fakeKeycloak();
    const err = await admin(kc).request("GET", "/admin/realms/master", { schema: z.object({ secretField: z.string() }) }).catch((e) => e);
    expect(err).toBeInstanceOf(KeycloakError);
    expect(err.message).toContain("unexpected response (secretField)");
  });
});

describe("TokenCache", () => {
  it("renews before expiry, by refresh grant first", async () => {
    const kc = fakeKeycloak();
    kc.expiresIn = 10;
    let now = 1_000_000;
    const cache = new TokenCache({ baseUrl: URL_, username: "admin", password: async () => FAKE_PASSWORD, now: () => now });
    const send = { fetch: kc.fetch };
    expect(await cache.get(send)).toBe("access-token-0");
    now += 7_000; // before the 80% mark: cached
    expect(await cache.get(send)).toBe("access-token-0");
    now += 1_500; // past 80% of 10 s
    expect(await cache.get(send)).toBe("access-token-1");
    expect(kc.calls.filter((c) => c.includes("/token"))).toHaveLength(2);
  });
});
