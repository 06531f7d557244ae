// `deno task <graph> k=v` and `npm run <graph> -- k=v` pass their arguments through to the CLI.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, jsonLines, ROOT } from "../helpers/cli.ts";

beforeAll(ensureBuilt, 120_000);
const dir = mkdtempSync(join(tmpdir(), "ccw-tasks-"));
const config = join(dir, "config.json");
writeFileSync(config, JSON.stringify({ stateDir: join(dir, "state") }));

describe("task runners pass arguments through", () => {
  it.each([
    ["deno task", `${ROOT}node_modules/.bin/deno`, ["task", "quick"]],
    ["npm run", "npm", ["run", "-s", "quick", "--"]],
  ])("%s quick recipe=… ref=… --json --config …", async (_name, file, pre) => {
    const res = await execa(file, [...pre, "recipe=demo", "ref=v2", "--json", "--config", config], { cwd: ROOT, reject: false, env: { NO_COLOR: "1" } });
    expect(res.exitCode, res.stderr).toBe(4);
    expect(jsonLines(res.stdout).at(-1)).toMatchObject({ type: "result", mode: "cold", verdict: "fallback", recipe: "demo", ref: "v2" });
  });
});
