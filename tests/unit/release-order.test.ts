// The one release ordering (issue 12): semver-aware, pre-releases are not releases unless a
// recipe opts in; promote, reconcile and the sweep all read it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { latestRelease, parseRelease, sortReleases } from "../../lib/release/order.ts";
import { resolveLatest } from "../../lib/release/latest.ts";
import { configSchema } from "../../lib/config/schema.ts";
import { decidePromotion } from "../../tasks/promote/decide.ts";

const tags = (rs: { tag: string }[]) => rs.map((r) => r.tag);

describe("parseRelease", () => {
  it("parses Co-op Cloud tags, short tags and pre-releases; refuses names that are not versions", () => {
    expect(parseRelease("1.2.0+26.5.6")).toEqual({ tag: "1.2.0+26.5.6", version: "1.2.0", semver: [1, 2, 0], prerelease: false, upstream: "26.5.6" });
    expect(parseRelease("0.4.0-rc1+1.2.0")).toEqual({ tag: "0.4.0-rc1+1.2.0", version: "0.4.0-rc1", semver: [0, 4, 0], prerelease: true, upstream: "1.2.0" });
    expect(parseRelease("v2")).toMatchObject({ version: "2.0.0", prerelease: false, upstream: "" });
    expect(parseRelease("1.3")).toMatchObject({ version: "1.3.0" });
    for (const bad of ["main", "broken", "x1.0.0", "", "1.0.0+", "1.0.0-"]) expect(parseRelease(bad), bad).toBeUndefined();
  });
});

describe("sortReleases / latestRelease", () => {
  it("a release candidate is not the latest release unless the recipe opts in", () => {
    expect(latestRelease(["0.3.1+1.2.0", "0.4.0-rc1+1.2.0"])?.tag).toBe("0.3.1+1.2.0");
    expect(latestRelease(["0.3.1+1.2.0", "0.4.0-rc1+1.2.0"], { allowPrereleases: true })?.tag).toBe("0.4.0-rc1+1.2.0");
    // A pre-release sorts below its own release.
    expect(tags(sortReleases(["0.4.0+1.2.0", "0.4.0-rc1+1.2.0", "0.4.0-rc2+1.2.0"], { allowPrereleases: true }))).toEqual(["0.4.0-rc1+1.2.0", "0.4.0-rc2+1.2.0", "0.4.0+1.2.0"]);
  });

  it("orders by semver numerically (10 after 9), then upstream numerically; ignores other tags", () => {
    expect(tags(sortReleases(["1.10.0+26.0.0", "1.9.0+26.5.6", "2.0.0+25.0.0", "1.9.0+26.10.0", "broken"]))).toEqual(["1.9.0+26.5.6", "1.9.0+26.10.0", "1.10.0+26.0.0", "2.0.0+25.0.0"]);
    expect(tags(sortReleases(["1.10.0", "v2", "1.2.0", "1.2.0+4.5.6", "v1"]))).toEqual(["v1", "1.2.0", "1.2.0+4.5.6", "1.10.0", "v2"]);
    expect(latestRelease(["1.0.0+26.5.6", "1.0.0+26.10.1"])?.tag).toBe("1.0.0+26.10.1");
    expect(latestRelease(["broken", "wip"])).toBeUndefined();
  });
});

describe("resolveLatest", () => {
  it("reads a repository's tags: the rc is skipped, or taken when allowed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccw-test-release-"));
    const g = (...a: string[]) => execa("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", ...a]);
    await g("init", "-q", "-b", "main");
    await g("commit", "-q", "--allow-empty", "-m", "0.3.1");
    await g("tag", "0.3.1+1.2.0");
    await g("commit", "-q", "--allow-empty", "-m", "rc");
    await g("tag", "0.4.0-rc1+1.2.0");
    const stable = await resolveLatest(dir);
    expect(stable).toMatchObject({ tag: "0.3.1+1.2.0", ref: "0.3.1+1.2.0" });
    expect(stable.commit).toBe((await g("rev-parse", "0.3.1+1.2.0^{commit}")).stdout.trim());
    expect((await resolveLatest(dir, { allowPrereleases: true })).tag).toBe("0.4.0-rc1+1.2.0");
    // The reproduction: the green cold run of 0.3.1 promotes; with the opt-in, the rc is latest.
    const run = { recipe: "demo", verdict: "green", mode: "cold", ref: "0.3.1+1.2.0" } as const;
    const stock = configSchema.parse({ recipes: { demo: { source: dir } } });
    expect(await decidePromotion(run, stock)).toMatchObject({ eligible: true, target: { tag: "0.3.1+1.2.0" } });
    const optIn = configSchema.parse({ recipes: { demo: { source: dir, allowPrereleases: true } } });
    expect(await decidePromotion(run, optIn)).toMatchObject({ eligible: false, reason: expect.stringMatching(/not the latest release 0\.4\.0-rc1\+1\.2\.0/) });
  });
});
