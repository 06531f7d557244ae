import { describe, expect, it } from "vitest";
import { catalog } from "../../tasks/catalog.ts";
import { paramInfo } from "../../lib/cli/params.ts";

describe("the graph catalog", () => {
  it.each(catalog.map((c) => [c.name, c] as const))("%s: the entry matches its command and the graph builds", async (_name, entry) => {
    const command = await entry.load();
    expect(command.name).toBe(entry.name);
    expect(command.summary).toBe(entry.summary);
    for (const p of paramInfo(command.params)) expect(p.description, `${entry.name} ${p.key} needs .describe()`).not.toBe("");
  });

  it("names are unique", () => {
    expect(new Set(catalog.map((c) => c.name)).size).toBe(catalog.length);
  });
});
