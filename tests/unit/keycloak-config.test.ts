import { describe, expect, it } from "vitest";
import { safeParseConfig } from "../../lib/config/mod.ts";
import { keycloakAdminFromConfig, keycloakUrl } from "../../lib/keycloak/mod.ts";

const config = (keycloak: Record<string, unknown>) => {
  const res = safeParseConfig({ ciDomain: "ci.example.org", keycloak });
  if (!res.success) throw res.error;
  return res.data;
};

describe("keycloakUrl", () => {
  it("prefers keycloak.url, then keycloak.domain, then warm-<recipe>.<ciDomain>", () => {
    expect(keycloakUrl(config({ url: "http://127.0.0.1:18080" }))).toBe("http://127.0.0.1:18080");
    expect(keycloakUrl(config({ domain: "sso.example.org" }))).toBe("https://sso.example.org");
    expect(keycloakUrl(config({}))).toBe("https://warm-keycloak.ci.example.org");
  });
  it("builds an admin client for that URL", () => {
    expect(keycloakAdminFromConfig(config({ url: "http://127.0.0.1:18080/" })).baseUrl).toBe("http://127.0.0.1:18080");
  });
});
