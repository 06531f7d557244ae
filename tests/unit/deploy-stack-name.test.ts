import { describe, expect, it } from "vitest";
import { InputError } from "../../lib/errors.ts";
import { MAX_STACK_NAME_LENGTH, stackNameFromDomain } from "../../lib/deploy/stack-name.ts";

describe("stackNameFromDomain", () => {
  it("turns dots into underscores", () => {
    expect(stackNameFromDomain("warm-demo.ci.local")).toBe("warm-demo_ci_local");
  });

  it("keeps long names within the limit, deterministic and distinct", () => {
    const a = stackNameFromDomain("warm-lasuite-docs-with-a-long-name.ci.example.org");
    const b = stackNameFromDomain("warm-lasuite-docs-with-a-long-name.ci.example.net");
    expect(a.length).toBeLessThanOrEqual(MAX_STACK_NAME_LENGTH);
    expect(a).toMatch(/^warm-lasuite-docs-with-a-long-name_c?_?[0-9a-f]{8}$|^[a-z0-9_-]+_[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(stackNameFromDomain("warm-lasuite-docs-with-a-long-name.ci.example.org")).toBe(a);
    // `<stack>_<secret>_<version>` fits Swarm's 64 characters for secrets up to 20 characters.
    expect(`${a}_${"s".repeat(20)}_v1`.length).toBeLessThanOrEqual(64);
  });

  it("rejects what is not a domain", () => {
    expect(() => stackNameFromDomain("Not A Domain")).toThrow(InputError);
    expect(() => stackNameFromDomain("a;rm -rf.x")).toThrow(InputError);
  });
});
