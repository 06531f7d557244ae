import { describe, expect, it } from "vitest";
import { configSchema } from "../../lib/config/schema.ts";
import { isPullRequestRef, promotionGate, runGateReason } from "../../tasks/promote/gate.ts";
import type { LatestRelease } from "../../lib/release/latest.ts";
import { notEligible } from "../../tasks/promote/conclude.ts";
import type { PromoteParams } from "../../tasks/promote/params.ts";
import { promoteParamsSchema } from "../../tasks/promote/params.ts";

const config = configSchema.parse({ recipes: { demo: { source: "/srv/demo" } } });
const latest: LatestRelease = { tag: "v2", ref: "v2", commit: "a".repeat(40) };
const green: PromoteParams = { recipe: "demo", verdict: "green", mode: "cold" };

describe("the promotion gate", () => {
  it("recognises pull/merge-request refs", () => {
    for (const r of ["refs/pull/12/head", "pull/12/merge", "refs/merge-requests/3/head", "refs/pr/9"]) expect(isPullRequestRef(r), r).toBe(true);
    for (const r of ["v2", "main", "refs/tags/v2", "refs/heads/pull-fix"]) expect(isPullRequestRef(r), r).toBe(false);
  });

  it("refuses quick, red, PR refs and non-enrolled recipes before reading the repository", () => {
    expect(runGateReason({ ...green, mode: "quick" }, config)).toMatch(/quick run never promotes/);
    expect(runGateReason({ ...green, verdict: "red" }, config)).toMatch(/cold run was red/);
    expect(runGateReason({ ...green, ref: "refs/pull/12/head" }, config)).toMatch(/pull-request ref/);
    expect(runGateReason({ ...green, recipe: "other" }, config)).toMatch(/not enrolled/);
    expect(runGateReason({ ...green, recipe: "constructor" }, config)).toMatch(/not enrolled/);
    expect(runGateReason(green, config)).toBeUndefined();
  });

  it("a quick run stays refused even when everything else is right", () => {
    const d = promotionGate({ ...green, mode: "quick", ref: "v2" }, config, latest, latest.commit);
    expect(d.eligible).toBe(false);
  });

  it("accepts absent, `latest`, the tag's name, refs/tags/<tag>, or any ref at the same commit", () => {
    for (const ref of [undefined, "latest", "v2", "refs/tags/v2"]) {
      const d = promotionGate({ ...green, ref }, config, latest, undefined);
      expect(d, String(ref)).toEqual({ eligible: true, target: latest, version: "v2" });
    }
    expect(promotionGate({ ...green, ref: "main" }, config, latest, latest.commit).eligible).toBe(true);
    expect(promotionGate({ ...green, version: "2.0.1" }, config, latest, undefined)).toMatchObject({ eligible: true, version: "2.0.1" });
  });

  it("refuses an older release, an unknown ref and an undeterminable latest", () => {
    expect(promotionGate({ ...green, ref: "v1" }, config, latest, "b".repeat(40))).toEqual({ eligible: false, reason: `v1 is not the latest release v2 (${"a".repeat(12)})` });
    expect(promotionGate({ ...green, ref: "nope" }, config, latest, undefined)).toEqual({ eligible: false, reason: "nope is not a commit of demo" });
    expect(promotionGate(green, config, undefined, undefined).eligible).toBe(false);
  });

  it("without release tags, the default branch is latest", () => {
    const branch: LatestRelease = { tag: undefined, ref: "main", commit: "c".repeat(40) };
    expect(promotionGate({ ...green, ref: "main" }, config, branch, undefined)).toEqual({ eligible: true, target: branch, version: undefined });
    expect(promotionGate({ ...green, ref: "refs/heads/main" }, config, branch, undefined).eligible).toBe(true);
    expect(promotionGate({ ...green, ref: "feature" }, config, branch, "d".repeat(40)).eligible).toBe(false);
  });

  it("a refusal is exit 0 with promotion not-eligible (not the caller's error)", () => {
    const c = notEligible({ ...green, verdict: "red" }, "the cold run was red");
    expect(c.exitCode).toBe(0);
    expect(c.result).toMatchObject({ promotion: "not-eligible", promoted: false, reason: "the cold run was red", ref: "latest" });
  });

  it("parameters: verdict and mode are required enums; PR refs are valid input (refused by the gate, not the parser)", () => {
    expect(promoteParamsSchema.safeParse({ recipe: "demo", verdict: "green" }).success).toBe(false);
    expect(promoteParamsSchema.safeParse({ recipe: "demo", verdict: "maybe", mode: "cold" }).success).toBe(false);
    expect(promoteParamsSchema.safeParse({ ...green, ref: "refs/pull/1/head" }).success).toBe(true);
    expect(promoteParamsSchema.safeParse({ ...green, "cold-domain": "Not A Domain" }).success).toBe(false);
  });
});
