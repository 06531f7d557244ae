import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRealm, MARKER_KEYS, reapStaleRealms, readRealmMarker, realmName } from "../../lib/keycloak/mod.ts";
import { makeAdmin, removeTestRealm, startKeycloak, testLabel } from "./keycloak-helpers.ts";
import { deployTestStack, type TestStack } from "./keycloak-stack.ts";

const admin = makeAdmin();
const stack = testLabel(); // a live stack: its realm must survive
const realms: string[] = [];
let live: TestStack | undefined;

/**
 * Make a realm look `minutes` old by rewriting its createdAt marker through the admin API.
 * A PUT replaces the whole attribute map (checked on 26.5.6), so send every attribute back.
 */
async function age(name: string, minutes: number): Promise<void> {
  const { data } = await admin.request("GET", `/admin/realms/${name}`, { schema: z.looseObject({ attributes: z.record(z.string(), z.string()) }) });
  const createdAt = new Date(Date.now() - minutes * 60_000).toISOString();
  await admin.request("PUT", `/admin/realms/${name}`, { body: { attributes: { ...data!.attributes, [MARKER_KEYS.createdAt]: createdAt } } });
}

beforeAll(async () => {
  await startKeycloak();
  live = await deployTestStack(stack);
});

afterAll(async () => {
  for (const r of realms) await removeTestRealm(admin, r).catch(() => {});
  await live?.remove();
});

describe("reapStaleRealms on a real Keycloak and a real swarm", () => {
  it("deletes only the marked orphan older than grace", async () => {
    const orphanLabel = testLabel();
    const orphan = realmName("ccwreap", `${orphanLabel}.ci.local`);
    const liveRealm = realmName("ccwreap", stack); // same hex as the live stack's name
    const fresh = realmName("ccwreap", `${testLabel()}.ci.local`);
    const unmarked = realmName("ccwreap", `${testLabel()}.ci.local`);
    realms.push(orphan, liveRealm, fresh, unmarked);
    for (const r of [orphan, liveRealm, fresh]) await createRealm(admin, r, { appDomain: "app.ci.local" });
    await admin.request("POST", "/admin/realms", { body: { realm: unmarked, enabled: true } });
    await age(orphan, 180);
    await age(liveRealm, 180);
    const aged = await readRealmMarker(admin, orphan);
    expect(aged?.managed).toBe(true);
    expect(aged?.createdAt!.getTime()).toBeLessThan(Date.now() - 170 * 60_000);

    // Dry run first: nothing is deleted, the orphan is listed.
    const dry = await reapStaleRealms(admin, { graceMinutes: 60, dryRun: true });
    expect(dry.find((e) => e.realm === orphan)).toMatchObject({ action: "would-delete" });
    expect(await readRealmMarker(admin, orphan)).toBeDefined();

    // Default live-run lookup: `docker stack ls`.
    const report = await reapStaleRealms(admin, { graceMinutes: 60 });
    const by = Object.fromEntries(report.map((e) => [e.realm, e]));
    expect(by[orphan]).toMatchObject({ action: "deleted" });
    expect(by[orphan]!.reason).toMatch(/is gone and the realm is 18\d min old/);
    expect(by[liveRealm]).toMatchObject({ action: "kept", reason: expect.stringMatching(/is live$/) });
    expect(by[fresh]).toMatchObject({ action: "kept", reason: expect.stringMatching(/^within grace/) });
    expect(by[unmarked]).toMatchObject({ action: "kept", reason: "no ccWarm.managed marker" });
    expect(by["master"]).toMatchObject({ action: "kept", reason: "master is never reaped" });

    expect(await readRealmMarker(admin, orphan)).toBeUndefined();
    for (const r of [liveRealm, fresh, unmarked]) expect(await readRealmMarker(admin, r)).toBeDefined();
    expect(await readRealmMarker(admin, "master")).toBeDefined();

    // Once the stack is gone, the same realm becomes reapable.
    const later = await reapStaleRealms(admin, { graceMinutes: 60, liveRunHexes: new Set(), dryRun: true });
    expect(later.find((e) => e.realm === liveRealm)?.action).toBe("would-delete");
  });
});
