// The Python side as the orchestrator really calls cc-warm: examples/python/test_ccwarm.py drives
// the built CLI through the example client (subprocess, JSON Lines, exit codes).
import { beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { ensureBuilt, ROOT } from "../helpers/cli.ts";
import { makeDemoRepo, warmConfig } from "./helpers/warm.ts";

let configPath: string;

beforeAll(async () => {
  await ensureBuilt();
  configPath = warmConfig({ demo: { source: await makeDemoRepo() } }).configPath;
}, 120_000);

describe("the Python orchestrator example", () => {
  it("falls back to cold without a canonical, rejects bad input, streams events", async () => {
    const res = await execa("python3", [`${ROOT}examples/python/test_ccwarm.py`], {
      reject: false,
      env: { CC_WARM_BIN: `node ${ROOT}dist/cli.js`, CC_WARM_TEST_CONFIG: configPath },
    });
    expect(res.exitCode, `${res.stdout}\n${res.stderr}`).toBe(0);
    expect(res.stdout).toMatch(/^7 passed, 0 failed$/m);
  });
});
