import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputError } from "../../lib/errors.ts";
import { markerAttributes, parseRealmName, readMarker, realmName, runHex, runLabel } from "../../lib/keycloak/mod.ts";
import { realmNameSchema } from "../../lib/validate/mod.ts";

describe("runLabel / runHex", () => {
  it("gives the same label and hex for a per-run domain and its stack name", () => {
    expect(runLabel("docs-pr12-4f1e.ci.example.org")).toBe("docs-pr12-4f1e");
    expect(runLabel("docs-pr12-4f1e_ci_example_org")).toBe("docs-pr12-4f1e");
    expect(runHex("docs-pr12-4f1e.ci.example.org")).toBe(runHex("docs-pr12-4f1e_ci_example_org"));
    expect(runHex("docs-pr12-4f1e")).toMatch(/^[0-9a-f]{6}$/);
  });
  it("differs between runs", () => {
    expect(runHex("docs-pr12-aaaa.ci.local")).not.toBe(runHex("docs-pr13-aaaa.ci.local"));
  });
  it("rejects something that is not a DNS label", () => {
    expect(() => runLabel("-bad.ci.local")).toThrow(InputError);
    expect(() => runLabel("a b.ci")).toThrow(InputError);
  });
});

describe("realmName", () => {
  it("is <parent>-<hex of the run>", () => {
    const name = realmName("lasuite-docs", "lasuite-docs-pr1-abc.ci.local");
    expect(name).toBe(`lasuite-docs-${runHex("lasuite-docs-pr1-abc")}`);
    expect(parseRealmName(name)).toEqual({ parent: "lasuite-docs", hex: runHex("lasuite-docs-pr1-abc") });
  });
  it("truncates a long parent to fit 64 characters and stays valid", () => {
    const parent = "a".repeat(56) + "-bbbbbbbbbb";
    const name = realmName(parent, "run-1.ci.local");
    expect(name.length).toBeLessThanOrEqual(64);
    expect(realmNameSchema.safeParse(name).success).toBe(true);
    expect(name.endsWith(`-${runHex("run-1")}`)).toBe(true);
    expect(name).not.toContain("--");
  });
  it("always yields a schema-valid, parseable name for valid parents (property)", () => {
    const parent = fc.stringMatching(/^[a-z0-9]{1,30}(-[a-z0-9]{1,30}){0,3}$/);
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/);
    fc.assert(fc.property(parent, label, (p, l) => {
      const name = realmName(p, `${l}.ci.local`);
      return realmNameSchema.safeParse(name).success && parseRealmName(name)?.hex === runHex(l);
    }));
  });
  it("rejects a bad parent with an InputError naming the key", () => {
    expect(() => realmName("Bad_Parent", "x.ci.local")).toThrow(/parent/);
  });
  it("parseRealmName refuses master and foreign names", () => {
    expect(parseRealmName("master")).toBeUndefined();
    expect(parseRealmName("demo")).toBeUndefined();
    expect(parseRealmName("demo-12345g")).toBeUndefined();
  });
});

describe("markers", () => {
  it("round-trip through attributes", () => {
    const createdAt = new Date("2025-01-02T03:04:05.000Z");
    const m = readMarker(markerAttributes({ parent: "demo", run: "1a2b3c", createdAt }));
    expect(m).toEqual({ managed: true, createdAt, run: "1a2b3c", parent: "demo" });
  });
  it("accept one-element arrays and reject bad dates", () => {
    const m = readMarker({ "ccWarm.managed": ["true"], "ccWarm.createdAt": "not a date" });
    expect(m.managed).toBe(true);
    expect(m.createdAt).toBeUndefined();
    expect(readMarker(undefined).managed).toBe(false);
  });
});
