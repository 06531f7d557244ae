// A cold run on the real swarm: fresh app, upgrade, asserts, and the sacred teardown that leaves
// nothing behind — on a pass and on a failure.
import { beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, warmConfig } from "./helpers/warm.ts";

let env: ReturnType<typeof warmConfig>;

beforeAll(async () => {
  await ensureBuilt();
  env = warmConfig({ demo: { source: await makeDemoRepo(), convergeTimeoutMinutes: 3 } });
}, 300_000);

async function leftovers(stack: string): Promise<string[]> {
  const out: string[] = [];
  for (const kind of ["service", "volume", "config", "network"] as const) {
    const res = await execa("docker", [kind, "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`]);
    out.push(...res.stdout.split("\n").filter(Boolean).map((id) => `${kind}:${id}`));
  }
  const secrets = await execa("docker", ["secret", "ls", "--format", "{{.Name}}"]);
  out.push(...secrets.stdout.split("\n").filter((n) => n.startsWith(`${stack}_`)).map((n) => `secret:${n}`));
  return out;
}

describe("cold runs of the demo recipe", () => {
  it("v1 → v2 passes and leaves nothing behind", async () => {
    const res = await startCli("node", ["cold", "recipe=demo", "from=v1", "ref=v2", "--json", "--config", env.configPath]);
    expect(res.exitCode, res.stderr).toBe(0);
    const events = jsonLines(res.stdout);
    const result = events.at(-1)!;
    expect(result).toMatchObject({ mode: "cold", verdict: "passed", recipe: "demo", ref: "v2", from: "v1", tasks: { teardown: "succeeded" } });
    const stack = String(events.find((e) => e.type === "log" && String(e.message).startsWith("cold app "))!.message).match(/stack (\S+)\)/)![1]!;
    expect(stack).toMatch(/^cold-[0-9a-f]{6}-demo_/);
    expect(await leftovers(stack)).toEqual([]);
  });

  it("a broken ref fails (exit 1) and the teardown still removes everything", async () => {
    const res = await startCli("node", ["cold", "recipe=demo", "ref=broken", "--json", "--config", env.configPath]);
    expect(res.exitCode, res.stderr).toBe(1);
    const events = jsonLines(res.stdout);
    expect(events.at(-1)).toMatchObject({ mode: "cold", verdict: "failed", tasks: { deploy: "failed", teardown: "succeeded" } });
    const stack = String(events.find((e) => e.type === "log" && String(e.message).startsWith("cold app "))!.message).match(/stack (\S+)\)/)![1]!;
    expect(await leftovers(stack)).toEqual([]);
  });
});
