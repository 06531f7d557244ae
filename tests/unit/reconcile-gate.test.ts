import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { gateDecision, releasesBetween } from "../../lib/reconcile/gate.ts";
import { lastGoodPath, readLastGood, writeLastGood } from "../../lib/reconcile/last-good.ts";
import { pickRelease } from "../../lib/reconcile/releases.ts";
import { listReleases } from "../../lib/release/latest.ts";
import { compareReleases, parseRelease, type Release } from "../../lib/release/order.ts";
import { MANUAL_MIGRATION_RE, readReleaseNote, type ReleaseNote } from "../../lib/reconcile/release-notes.ts";
import { ROOT } from "../helpers/cli.ts";

const r = (tag: string): Release => parseRelease(tag)!;
const note = (version: string, manualMigration = false): ReleaseNote => ({ version, text: "x", manualMigration });

describe("recipe releases", () => {
  it("orders by semver numerically (10 after 9), then upstream; picks the latest or an explicit tag", () => {
    const tags = ["1.10.0+26.0.0", "1.9.0+26.5.6", "2.0.0+25.0.0", "1.9.0+26.10.0"].map(r);
    const asc = [...tags].sort(compareReleases);
    expect(asc.map((t) => t.tag)).toEqual(["1.9.0+26.5.6", "1.9.0+26.10.0", "1.10.0+26.0.0", "2.0.0+25.0.0"]);
    expect(pickRelease(asc, undefined).tag).toBe("2.0.0+25.0.0");
    expect(pickRelease(asc, "1.9.0+26.5.6").tag).toBe("1.9.0+26.5.6");
    expect(() => pickRelease(asc, "9.9.9+1")).toThrow(/version: 9\.9\.9\+1 is not a release .*known: 1\.9\.0\+26\.5\.6/);
    expect(() => pickRelease([], undefined)).toThrow(/no release tags/);
  });
});

describe("the pre-deploy gate", () => {
  it("proceeds on a minor upgrade with plain notes", () => {
    expect(gateDecision({ current: r("1.0.0+26.5.6"), target: r("1.1.0+26.5.6"), notes: [note("1.1.0+26.5.6")] })).toEqual({ verdict: "proceed", reasons: [], flagged: [] });
  });

  it("holds a major bump, naming both majors", () => {
    const d = gateDecision({ current: r("1.1.0+26.5.6"), target: r("2.0.0+26.5.6"), notes: [note("2.0.0+26.5.6")] });
    expect(d.verdict).toBe("hold");
    expect(d.reasons.join()).toMatch(/major version change 1 → 2/);
  });

  it("holds when any release passed over flags a manual migration, not only the target", () => {
    const d = gateDecision({ current: r("1.1.0+26.5.6"), target: r("1.4.0+26.5.6"), notes: [note("1.2.0+26.5.6"), note("1.3.0+26.5.6", true), note("1.4.0+26.5.6")] });
    expect(d).toMatchObject({ verdict: "hold", flagged: ["1.3.0+26.5.6"] });
    expect(d.reasons.join()).toMatch(/manual migration: 1\.3\.0\+26\.5\.6/);
  });

  it("holds a downgrade of live data; an operator's approval of exactly the target lets it through", () => {
    expect(gateDecision({ current: r("1.3.0+26.5.6"), target: r("1.1.0+26.5.6"), notes: [] }).verdict).toBe("hold");
    const input = { current: r("1.1.0+26.5.6"), target: r("2.0.0+26.5.6"), notes: [note("2.0.0+26.5.6", true)] };
    expect(gateDecision({ ...input, approved: "1.9.0+26.5.6" }).verdict).toBe("hold");
    expect(gateDecision({ ...input, approved: "2.0.0+26.5.6" })).toMatchObject({ verdict: "proceed", reasons: [] });
  });

  it("reads the notes of the releases after current up to the target", () => {
    const all = ["1.0.0+1", "1.1.0+1", "1.2.0+1", "1.3.0+1", "2.0.0+1"].map(r);
    expect(releasesBetween(all, all[1]!, all[3]!).map((x) => x.tag)).toEqual(["1.2.0+1", "1.3.0+1"]);
  });
});

describe("release notes of the keycloak fixture", () => {
  it("flags exactly 1.3.0 (a line 'manual-migration: true'), from the note at each tag", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ccw-test-reconcile-")), "keycloak");
    await execa("bash", [`${ROOT}examples/recipes/keycloak/make-repo.sh`, dir]);
    const releases = await listReleases(dir);
    expect(releases.map((x) => x.tag)).toEqual(["1.0.0+26.5.6", "1.1.0+26.5.6", "1.2.0+26.5.6", "1.3.0+26.5.6", "2.0.0+26.5.6"]);
    const flags = await Promise.all(releases.map(async (x) => [x.tag, (await readReleaseNote(dir, x.tag)).manualMigration]));
    expect(Object.fromEntries(flags)).toEqual({ "1.0.0+26.5.6": false, "1.1.0+26.5.6": false, "1.2.0+26.5.6": false, "1.3.0+26.5.6": true, "2.0.0+26.5.6": false });
    expect(await readReleaseNote(dir, "9.9.9+1")).toEqual({ version: "9.9.9+1", text: undefined, manualMigration: false });
    expect(MANUAL_MIGRATION_RE.test("We did a manual migration last year.")).toBe(false);
    expect(MANUAL_MIGRATION_RE.test("text\n  Manual-Migration:  TRUE  \nmore")).toBe(true);
  });
});

describe("the last-good record", () => {
  it("round-trips, is replaced whole, and a damaged file names the file and field", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "ccw-test-reconcile-"));
    expect(await readLastGood(stateDir, "keycloak")).toBeUndefined();
    const rec = { app: "keycloak", version: "1.0.0+26.5.6", commit: "a".repeat(40), domain: "warm-keycloak.ci.local", stack: "warm-keycloak_ci_local", recordedAt: new Date().toISOString() };
    await writeLastGood(stateDir, rec);
    await writeLastGood(stateDir, { ...rec, version: "1.1.0+26.5.6" });
    expect(await readLastGood(stateDir, "keycloak")).toEqual({ ...rec, version: "1.1.0+26.5.6" });
    const path = lastGoodPath(stateDir, "keycloak");
    expect(path).toBe(join(stateDir, "infra", "keycloak.json"));
    writeFileSync(path, JSON.stringify({ ...rec, commit: "not-a-hash" }));
    await expect(readLastGood(stateDir, "keycloak")).rejects.toThrow(`${path}: commit:`);
    writeFileSync(path, "{");
    await expect(readLastGood(stateDir, "keycloak")).rejects.toThrow(/not JSON/);
    expect(readFileSync(path, "utf8")).toBe("{");
  });
});
