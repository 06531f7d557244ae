import { describe, expect, it } from "vitest";
import { InputError } from "../../lib/errors.ts";
import { deleteRealm, KeycloakAdmin, keycloakHealthy, markerAttributes, reapStaleRealms } from "../../lib/keycloak/mod.ts";
import { FAKE_PASSWORD, fakeKeycloak } from "./keycloak-fake.ts";

const NOW = new Date("2025-06-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const marked = (realm: string, run: string, ageMin: number) => ({
  realm,
  attributes: markerAttributes({ parent: realm.split("-")[0]!, run, createdAt: minutesAgo(ageMin) }),
});

describe("reapStaleRealms (fake Keycloak)", () => {
  const setup = () => {
    const kc = fakeKeycloak([
      marked("demo-aaaaaa", "aaaaaa", 300), // orphan, old → delete
      marked("demo-bbbbbb", "bbbbbb", 300), // live run → keep
      marked("demo-cccccc", "cccccc", 5), // fresh → keep
      { realm: "demo-dddddd" }, // unmarked → keep
      { realm: "other" }, // foreign name → keep
      { realm: "demo-eeeeee", attributes: { "ccWarm.managed": "true", "ccWarm.run": "eeeeee" } }, // no createdAt → keep
    ]);
    const admin = new KeycloakAdmin({ url: "http://kc.test", password: async () => FAKE_PASSWORD, fetch: kc.fetch });
    return { kc, admin };
  };

  it("deletes only the orphaned, old, marked realm and explains every decision", async () => {
    const { kc, admin } = setup();
    const report = await reapStaleRealms(admin, { graceMinutes: 60, liveRunHexes: new Set(["bbbbbb"]), now: NOW });
    const by = Object.fromEntries(report.map((e) => [e.realm, e]));
    expect(by["demo-aaaaaa"]).toMatchObject({ action: "deleted", reason: "run aaaaaa is gone and the realm is 300 min old" });
    expect(by["master"]).toMatchObject({ action: "kept", reason: "master is never reaped" });
    expect(by["demo-bbbbbb"]).toMatchObject({ action: "kept", reason: "run bbbbbb is live" });
    expect(by["demo-cccccc"]).toMatchObject({ action: "kept", reason: "within grace (5 of 60 min)" });
    expect(by["demo-dddddd"]).toMatchObject({ action: "kept", reason: "no ccWarm.managed marker" });
    expect(by["other"]).toMatchObject({ action: "kept", reason: "not named like a cc-warm realm" });
    expect(by["demo-eeeeee"]).toMatchObject({ action: "kept", reason: "marker has no valid ccWarm.createdAt" });
    expect([...kc.realms.keys()].sort()).toEqual(["demo-bbbbbb", "demo-cccccc", "demo-dddddd", "demo-eeeeee", "master", "other"]);
    // Foreign names are never fetched in full.
    expect(kc.calls).not.toContain("GET /admin/realms/other");
    expect(kc.calls).not.toContain("GET /admin/realms/master");
  });

  it("dryRun deletes nothing", async () => {
    const { kc, admin } = setup();
    const report = await reapStaleRealms(admin, { graceMinutes: 60, liveRunHexes: async () => new Set(), now: NOW, dryRun: true });
    expect(report.filter((e) => e.action === "would-delete").map((e) => e.realm).sort()).toEqual(["demo-aaaaaa", "demo-bbbbbb"]);
    expect(kc.realms.size).toBe(7);
    expect(kc.calls.some((c) => c.startsWith("DELETE"))).toBe(false);
  });

  it("deletes nothing when the live stacks cannot be listed", async () => {
    const { kc, admin } = setup();
    const failing = async (): Promise<Set<string>> => {
      throw new Error("docker is down");
    };
    await expect(reapStaleRealms(admin, { graceMinutes: 60, liveRunHexes: failing, now: NOW })).rejects.toThrow("docker is down");
    expect(kc.realms.size).toBe(7);
  });
});

describe("deleteRealm (fake Keycloak)", () => {
  it("refuses master, foreign names and unmarked realms; a missing realm is fine", async () => {
    const kc = fakeKeycloak([{ realm: "demo-dddddd" }, marked("demo-aaaaaa", "aaaaaa", 1)]);
    const admin = new KeycloakAdmin({ url: "http://kc.test", password: async () => FAKE_PASSWORD, fetch: kc.fetch });
    await expect(deleteRealm(admin, "master")).rejects.toThrow(InputError);
    await expect(deleteRealm(admin, "Demo-aaaaaa")).rejects.toThrow(InputError);
    await expect(deleteRealm(admin, "demo")).rejects.toThrow(InputError);
    expect(kc.calls).toEqual([]); // refused before any request
    await expect(deleteRealm(admin, "demo-dddddd")).rejects.toThrow(/no ccWarm.managed marker/);
    expect(await deleteRealm(admin, "demo-aaaaaa")).toEqual({ realm: "demo-aaaaaa", deleted: true });
    expect(await deleteRealm(admin, "demo-aaaaaa")).toEqual({ realm: "demo-aaaaaa", deleted: false });
    expect(kc.realms.has("demo-dddddd")).toBe(true);
  });
});

describe("keycloakHealthy", () => {
  it("is true on 200 only, false on other statuses and on network errors", async () => {
    const answer = (status: number) => async () => new Response("{}", { status });
    expect(await keycloakHealthy("http://kc.test/", { fetch: answer(200) })).toBe(true);
    expect(await keycloakHealthy("http://kc.test", { fetch: answer(503) })).toBe(false);
    expect(await keycloakHealthy("http://kc.test", { fetch: async () => { throw new TypeError("fetch failed"); } })).toBe(false);
    expect(await keycloakHealthy("http://127.0.0.1:1", { timeoutMs: 2000 })).toBe(false);
  });
});
