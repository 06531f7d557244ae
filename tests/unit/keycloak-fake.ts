// A fake Keycloak for unit tests: just enough of the token and admin endpoints, in memory.
// Integration tests use the real server; this only fakes the HTTP boundary.
import type { FetchLike } from "../../lib/keycloak/mod.ts";

export const FAKE_PASSWORD = "fake-admin-password-0123456789";

export interface FakeRealm {
  realm: string;
  attributes?: Record<string, string>;
}

export interface FakeKeycloak {
  fetch: FetchLike;
  realms: Map<string, FakeRealm>;
  calls: string[];
  tokensIssued: string[];
  /** Make the next admin calls answer 401 this many times. */
  reject401: number;
  expiresIn: number;
}

export function fakeKeycloak(realms: FakeRealm[] = []): FakeKeycloak {
  const state: FakeKeycloak = {
    realms: new Map([["master", { realm: "master" }], ...realms.map((r) => [r.realm, r] as const)]),
    calls: [],
    tokensIssued: [],
    reject401: 0,
    expiresIn: 60,
    fetch: async (input, init) => {
      const url = new URL(input);
      const method = init.method ?? "GET";
      state.calls.push(`${method} ${url.pathname}`);
      if (url.pathname === "/realms/master/protocol/openid-connect/token") {
        const form = new URLSearchParams(String(init.body));
        const ok = form.get("grant_type") === "refresh_token" ? state.tokensIssued.includes(`r-${form.get("refresh_token")?.slice(2)}`) : form.get("password") === FAKE_PASSWORD;
        if (!ok) return json(401, { error: "invalid_grant", error_description: `bad password ${form.get("password")}` });
        const n = state.tokensIssued.length;
        state.tokensIssued.push(`r-${n}`);
        return json(200, { access_token: `access-token-${n}`, expires_in: state.expiresIn, refresh_token: `r-${n}`, refresh_expires_in: 1800 });
      }
      const auth = new Headers(init.headers).get("authorization") ?? "";
      if (!auth.startsWith("Bearer access-token-") || state.reject401-- > 0) return json(401, { error: "HTTP 401 Unauthorized" });
      if (url.pathname === "/admin/realms" && method === "GET") {
        return json(200, [...state.realms.values()].map((r) => ({ realm: r.realm, enabled: true })));
      }
      const m = /^\/admin\/realms\/([^/]+)$/.exec(url.pathname);
      if (m) {
        const realm = state.realms.get(decodeURIComponent(m[1]!));
        if (!realm) return json(404, { error: "Realm not found." });
        if (method === "GET") return json(200, realm);
        if (method === "DELETE") return state.realms.delete(realm.realm), new Response(null, { status: 204 });
      }
      return json(500, { errorMessage: `unexpected ${url.pathname} with ${auth}` });
    },
  };
  return state;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
