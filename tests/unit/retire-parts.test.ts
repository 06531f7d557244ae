// cc-warm retire's pure parts: the parameter schema (dry run by default) and the item list.
import { describe, expect, it } from "vitest";
import { retirementItems, type RetirePlan } from "../../lib/canonical/retire-plan.ts";
import { retireParamsSchema } from "../../tasks/retire/params.ts";

const plan: RetirePlan = {
  recipe: "demo", domain: "warm-demo.ci.local", stack: "warm-demo_ci_local", enrolled: false, deployed: true,
  volumes: ["warm-demo_ci_local_data"], secrets: ["warm-demo_ci_local_token_v1"], configs: [], snapshotDir: "/s/demo", appEnv: undefined, registryEntry: true,
};

describe("retire", () => {
  it("is a dry run unless dry-run=false; the recipe is validated", () => {
    expect(retireParamsSchema.parse({ recipe: "demo" })).toMatchObject({ recipe: "demo", "dry-run": true });
    expect(retireParamsSchema.parse({ recipe: "demo", "dry-run": "false" })["dry-run"]).toBe(false);
    expect(retireParamsSchema.safeParse({ recipe: "../x" }).success).toBe(false);
    expect(retireParamsSchema.safeParse({ recipe: "demo", force: "1" }).success).toBe(false);
  });

  it("lists what it removes in removal order, the registry entry last", () => {
    expect(retirementItems(plan)).toEqual([
      "stack: warm-demo_ci_local", "volume: warm-demo_ci_local_data", "secret: warm-demo_ci_local_token_v1",
      "known-good: /s/demo", "registry entry: demo",
    ]);
    expect(retirementItems({ ...plan, deployed: false, volumes: [], secrets: [], snapshotDir: undefined, registryEntry: false })).toEqual([]);
  });
});
