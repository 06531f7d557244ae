import { describe, expect, it } from "vitest";
import { assertEnrollmentValid, assertNoInfraCollision, canonicalDomain } from "../../lib/canonical/naming.ts";
import { ConfigError, InputError } from "../../lib/errors.ts";
import { loadConfig } from "../../lib/config/load.ts";

const config = loadConfig({ env: { CC_WARM_CI_DOMAIN: "ci.example.org" } });

describe("canonical naming", () => {
  it("puts canonicals at warm-<recipe>.<ciDomain>", () => {
    expect(canonicalDomain("lasuite-docs", config)).toBe("warm-lasuite-docs.ci.example.org");
  });

  it("refuses a recipe whose canonical would take live-warm infrastructure's domain", () => {
    expect(() => assertNoInfraCollision("keycloak", config)).toThrow(InputError);
    expect(() => assertNoInfraCollision("keycloak", config)).toThrow(/warm-keycloak\.ci\.example\.org is the live-warm infrastructure's domain/);
    expect(() => assertNoInfraCollision("traefik", config)).toThrow(/live-warm/);
    expect(() => assertNoInfraCollision("demo", config)).not.toThrow();
  });

  it("refuses recipe names that are cc-warm's own state folders", () => {
    for (const name of ["locks", "sweeps", "apps", "alerts", "infra-keycloak"]) {
      expect(() => assertNoInfraCollision(name, config), name).toThrow(/reserved for cc-warm's own state/);
    }
  });

  it("checks a whole enrollment, naming the recipe", () => {
    const bad = { ...config, recipes: { keycloak: { strategy: "rewarm" as const, convergeTimeoutMinutes: 10 } } };
    expect(() => assertEnrollmentValid(bad, "/etc/cc-warm/config.json")).toThrow(ConfigError);
    expect(() => assertEnrollmentValid(bad, "/etc/cc-warm/config.json")).toThrow(/\/etc\/cc-warm\/config.json: recipes\.keycloak: /);
  });
});
