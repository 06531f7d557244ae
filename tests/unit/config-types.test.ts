import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { type Config, configSchema, loadConfig, type RecipeConfig, recipeConfigSchema, safeParseConfig } from "../../lib/config/mod.ts";
import { ConfigError } from "../../lib/errors.ts";
import { VERSION } from "../../lib/version.ts";
import { ROOT } from "../helpers/cli.ts";

describe("config", () => {
  it("public interfaces match the schemas both ways", () => {
    expectTypeOf<z.output<typeof configSchema>>().toEqualTypeOf<Config>();
    expectTypeOf<z.output<typeof recipeConfigSchema>>().toEqualTypeOf<RecipeConfig>();
  });

  it("applies defaults", () => {
    const c = loadConfig({ env: {} });
    expect(c.stateDir).toBe("/var/lib/ci-warm");
    expect(c.deployer.kind).toBe("docker-stack");
    expect(c.keycloak.adminPassword).toEqual({ from: "env", name: "CC_WARM_KEYCLOAK_ADMIN_PASSWORD" });
    expect(c.sweep.maxTests).toBe(2);
  });

  it("environment overrides win and are named in errors", () => {
    expect(loadConfig({ env: { CC_WARM_STATE_DIR: "/srv/warm", CC_WARM_MAX_TESTS: "5" } })).toMatchObject({ stateDir: "/srv/warm", sweep: { maxTests: 5 } });
    expect(() => loadConfig({ env: { CC_WARM_STATE_DIR: "/srv/../etc" } })).toThrow(/stateDir: must not contain '\.\.'.*env CC_WARM_STATE_DIR/);
  });

  it("names the file and the field", () => {
    const path = `${ROOT}package.json`;
    expect(() => loadConfig({ path, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ path: "/nonexistent/cc-warm.json", env: {} })).toThrow(/\/nonexistent\/cc-warm.json: cannot read config file \(ENOENT\)/);
    const res = safeParseConfig({ recipes: { "Bad Name": {} } });
    expect(res.success).toBe(false);
    const res2 = safeParseConfig({ disk: { pruneAtPercent: 70, pruneDownToPercent: 80 } });
    expect(res2.success).toBe(false);
    if (!res2.success) expect(res2.error.message).toContain("pruneDownToPercent");
  });

  it("the version constant matches package.json and deno.json", () => {
    expect(JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).version).toBe(VERSION);
    expect(JSON.parse(readFileSync(`${ROOT}deno.json`, "utf8")).version).toBe(VERSION);
  });
});

describe("config: sweep schedule", () => {
  it("rejects an invalid cron naming the field", () => {
    const res = safeParseConfig({ sweep: { schedule: "61 2 * * *" } });
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.message).toMatch(/schedule/);
  });
  it("accepts the OnCalendar the NixOS module writes", () => {
    expect(safeParseConfig({ sweep: { schedule: "0 2 * * *", onCalendar: "*-*-* 02:00:00" } }).success).toBe(true);
  });
});
