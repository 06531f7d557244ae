// Issue 12: the sweep tests a recipe when its latest release differs from its canonical (or it
// has none) and re-verifies an unchanged one only after sweep.reverifyDays; it says why.
import { describe, expect, it } from "vitest";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import { sweepDue } from "../../tasks/sweep/due.ts";

const entry: CanonicalEntry = { recipe: "demo", knownGoodCommit: "a".repeat(40), version: "0.3.1+1.2.0", manifestDigest: "0".repeat(64), promotedAt: "2026-11-20T02:00:00.000Z", dirty: false, quickRuns: 0 };
const now = new Date("2026-11-24T02:00:00.000Z");

describe("sweepDue", () => {
  it("no canonical → due", () => {
    expect(sweepDue("demo", undefined, { now, reverifyDays: 7 })).toEqual({ recipe: "demo", due: true, why: "no canonical yet" });
  });

  it("a new release → due, naming both versions", () => {
    const d = sweepDue("demo", entry, { latestTag: "0.4.0+1.2.0", latestCommit: "b".repeat(40), now, reverifyDays: 7 });
    expect(d).toMatchObject({ due: true, why: "latest release 0.4.0+1.2.0 differs from the canonical's 0.3.1+1.2.0" });
  });

  it("unchanged → skipped until reverifyDays have passed since the last verification", () => {
    const same = { latestTag: "0.3.1+1.2.0", latestCommit: entry.knownGoodCommit, now };
    expect(sweepDue("demo", entry, { ...same, reverifyDays: 7 })).toMatchObject({ due: false, why: expect.stringMatching(/already at latest 0\.3\.1\+1\.2\.0, verified 4 day/) });
    expect(sweepDue("demo", entry, { ...same, reverifyDays: 3 })).toMatchObject({ due: true, why: expect.stringMatching(/^re-verify: .*4 day\(s\) ago/) });
    // A sweep that tested it yesterday counts as a verification.
    expect(sweepDue("demo", entry, { ...same, lastVerified: "2026-11-23T02:00:00.000Z", reverifyDays: 3 }).due).toBe(false);
  });

  it("an unreadable latest release → due (the cold run reports why)", () => {
    expect(sweepDue("demo", entry, { now, reverifyDays: 7 })).toMatchObject({ due: true, why: "latest release could not be read" });
  });
});

describe("readLastSwept", () => {
  it("reads sweeps/latest.json through a schema: tested rows count, not-run rows and a damaged file do not", async () => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readLastSwept } = await import("../../tasks/sweep/select.ts");
    const dir = await mkdtemp(join(tmpdir(), "ccw-test-lastswept-"));
    await mkdir(join(dir, "sweeps"));
    const at = "2026-11-23T02:00:00.000Z";
    await writeFile(join(dir, "sweeps", "latest.json"), JSON.stringify({ startedAt: at, recipes: [{ recipe: "a", verdict: "green" }, { recipe: "b", verdict: "not-run" }] }));
    expect(await readLastSwept(dir)).toEqual({ a: at });
    await writeFile(join(dir, "sweeps", "latest.json"), JSON.stringify({ startedAt: 5, recipes: "x" }));
    expect(await readLastSwept(dir)).toEqual({});
  });
});
