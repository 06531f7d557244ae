import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, jsonLines, RUNTIMES, startCli } from "../helpers/cli.ts";

beforeAll(ensureBuilt, 120_000);
const tmp = mkdtempSync(join(tmpdir(), "ccw-cli-"));

describe.each(RUNTIMES)("the CLI as a real process on %s", (runtime) => {
  it("--help lists the graphs and the exit codes", async () => {
    const res = await startCli(runtime, ["--help"]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain("selftest");
    expect(res.stdout).toContain("4  fallback to cold needed");
  });

  it("<graph> --help lists parameters from the schema and the tasks", async () => {
    const res = await startCli(runtime, ["selftest", "--help"]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/sleep\s+ms the work task runs/);
    expect(res.stdout).toMatch(/teardown \[always\] ← work/);
  });

  it.each([
    [["nosuch"], /graph: unknown graph "nosuch"/],
    [["selftest", "colour=red"], /colour: unknown parameter \(known: sleep, fail, marker\)/],
    [["selftest", "sleep=soon"], /sleep: .*number/i],
    [["selftest", "marker=../etc/passwd"], /marker: must be an absolute path/],
    [["selftest", "sleep"], /sleep: expected key=value/],
    [["selftest", "sleep=1", "sleep=2"], /sleep: given more than once/],
    [["selftest", "--bogus"], /arguments: Unknown option '--bogus'/],
  ])("rejects %j with exit 2 and a message naming the problem", async (args, message) => {
    const marker = join(tmp, `never-${runtime}-${Math.random()}`);
    const hasMarker = args.some((a) => a.startsWith("marker="));
    const res = await startCli(runtime, hasMarker ? args : [...args, `marker=${marker}`]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(existsSync(marker)).toBe(false);
  });

  it("rejects a bad config file naming the file and the field", async () => {
    const config = join(tmp, `bad-${runtime}.json`);
    writeFileSync(config, JSON.stringify({ stateDir: "relative/dir" }));
    const res = await startCli(runtime, ["selftest", "--config", config]);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain(config);
    expect(res.stderr).toContain("stateDir: must be an absolute path");
  });

  it("--json writes only JSON Lines to stdout, the result object last", async () => {
    const res = await startCli(runtime, ["selftest", "sleep=50", "--json"]);
    expect(res.exitCode).toBe(0);
    const lines = jsonLines(res.stdout);
    expect(lines[0]).toMatchObject({ type: "run-start", graph: "selftest" });
    expect(lines.at(-1)).toMatchObject({ type: "result", exitCode: 0, status: "passed", tasks: { work: "succeeded", teardown: "succeeded" } });
    expect(res.stderr).toContain("selftest passed");
  });

  it("a failing task gives exit 3 and still runs teardown", async () => {
    const marker = join(tmp, `fail-${runtime}`);
    const res = await startCli(runtime, ["selftest", "fail=work", `marker=${marker}`, "--json"]);
    expect(res.exitCode).toBe(3);
    expect(readFileSync(marker, "utf8")).toContain("work was failed");
    const result = jsonLines(res.stdout).at(-1)!;
    expect(result).toMatchObject({ status: "failed", tasks: { work: "failed", teardown: "succeeded" } });
    expect(JSON.stringify(result.errors)).toContain("work failed on purpose");
  });

  it("--plan prints the order without running anything", async () => {
    const marker = join(tmp, `plan-${runtime}`);
    const res = await startCli(runtime, ["selftest", `marker=${marker}`, "--plan"]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout.split("\n").filter(Boolean).map((l) => l.trim().split(/\s+/).slice(1).join(" "))).toEqual([
      "runtime", "work", "teardown [always]",
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it("a real SIGTERM cancels the run, runs teardown, and exits 5", async () => {
    const marker = join(tmp, `term-${runtime}`);
    const child = startCli(runtime, ["selftest", "sleep=30000", `marker=${marker}`, "--json"]);
    // Wait until the work task has started, then signal.
    await new Promise<void>((resolve) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes('"task-start","task":"work"')) resolve();
      });
    });
    child.kill("SIGTERM");
    const res = await child;
    expect(res.exitCode).toBe(5);
    expect(readFileSync(marker, "utf8")).toContain("work was cancelled");
    expect(jsonLines(res.stdout).at(-1)).toMatchObject({ status: "cancelled", exitCode: 5, tasks: { work: "cancelled", teardown: "succeeded" } });
  });
});
