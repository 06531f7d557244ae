import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, type CommandEnv, type GraphCommand } from "../../lib/cli/command.ts";
import { configSchema } from "../../lib/config/schema.ts";
import { acquireLock } from "../../lib/lock/acquire.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import { coldArgv, parseColdReport, runColdCommand } from "../../tasks/sweep/cold.ts";
import { sweepExitCode } from "../../tasks/sweep/graph.ts";
import { HostBusyError, takeHostLock } from "../../tasks/sweep/host.ts";
import { rollInfrastructure } from "../../tasks/sweep/reconcile.ts";
import { countRows, formatSweepTable, type SweepResults, type SweepRow, writeSweepResults } from "../../tasks/sweep/results.ts";
import { readLastSwept, selectRecipes } from "../../tasks/sweep/select.ts";
import { ROOT } from "../helpers/cli.ts";

const FAKE = `${ROOT}tests/fixtures/sweep/fake-cold.sh`;
const row = (p: Partial<SweepRow>): SweepRow => ({ recipe: "r", ref: "v1", commit: "c", verdict: "green", coldExitCode: 0, durationMs: 1500, promotion: "promoted", reason: null, canonical: "c", ...p });
const entry = (recipe: string, promotedAt: string): CanonicalEntry => ({ recipe, knownGoodCommit: "abc", manifestDigest: "0".repeat(64), promotedAt, dirty: false, quickRuns: 0 });

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "ccw-test-sweep-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("the cold command boundary", () => {
  it("substitutes {recipe} and {ref} inside every argument, never through a shell", () => {
    expect(coldArgv(["cc-ci", "--recipe={recipe}", "{ref}", "{recipe}:{ref}", "$(x)"], "demo", "v2")).toEqual(["cc-ci", "--recipe=demo", "v2", "demo:v2", "$(x)"]);
  });

  it("reads the last JSON line of stdout, ignoring logs and non-string fields", () => {
    expect(parseColdReport('start\n{"verdict":"red"}\nmore\n{"verdict":"green","domain":"c-1.ci.local","version":3}\ntrailing')).toEqual({ verdict: "green", domain: "c-1.ci.local", version: undefined, commit: undefined });
    expect(parseColdReport("no json {here\n")).toEqual({});
  });

  it("exit 0 is green, non-zero is red, a JSON verdict can only make it red, a timeout is an error", async () => {
    const log = join(dir, "log");
    const green = await runColdCommand([FAKE, "a", "v2"], { timeoutMs: 10_000, env: { FAKE_COLD_LOG: log } });
    expect(green).toMatchObject({ verdict: "green", exitCode: 0, report: { verdict: "green", version: "v2" } });
    const red = await runColdCommand([FAKE, "b", "v2"], { timeoutMs: 10_000, env: { FAKE_COLD_RED: "b" } });
    expect(red).toMatchObject({ verdict: "red", exitCode: 1 });
    expect(red.tail).toContain("assertion failed");
    const lying = await runColdCommand(["sh", "-c", 'echo \'{"verdict":"failed"}\''], { timeoutMs: 10_000 });
    expect(lying.verdict).toBe("red");
    const slow = await runColdCommand([FAKE, "c", "v2"], { timeoutMs: 300, env: { FAKE_COLD_SLEEP: "2" } });
    expect(slow.verdict).toBe("error");
    expect(await readFile(log, "utf8")).toBe("a v2  \n");
  });
});

describe("selection, results and exit codes", () => {
  it("picks at most MAX_TESTS, recipes without a canonical first, then the stalest", () => {
    const canon = { b: entry("b", "2026-01-02T00:00:00.000Z"), c: entry("c", "2026-01-01T00:00:00.000Z") };
    expect(selectRecipes(["c", "b", "a", "d"], canon, 3)).toEqual({ run: ["a", "d", "c"], notRun: ["b"] });
    expect(selectRecipes(["a"], {}, 5)).toEqual({ run: ["a"], notRun: [] });
    // a and b failed last night (no canonical): c goes first tonight.
    expect(selectRecipes(["a", "b", "c"], {}, 1, { a: "2026-01-03T02:00:00.000Z", b: "2026-01-03T02:00:00.000Z" })).toEqual({ run: ["c"], notRun: ["a", "b"] });
  });

  it("counts, exit codes: failed promotion → 3 even when others were red; red → 1; all fine → 0", () => {
    const rows = [row({ recipe: "a" }), row({ recipe: "b", verdict: "red", promotion: "not-eligible" }), row({ recipe: "c", verdict: "not-run", promotion: "not-run" })];
    expect(countRows(rows)).toEqual({ run: 2, green: 1, red: 1, error: 0, promoted: 1, promotionFailed: 0, notRun: 1 });
    expect(sweepExitCode({ status: "completed", recipes: rows, reconcile: [] })).toBe(1);
    expect(sweepExitCode({ status: "completed", recipes: [...rows, row({ recipe: "d", promotion: "failed" })], reconcile: [] })).toBe(3);
    expect(sweepExitCode({ status: "completed", recipes: [row({})], reconcile: [{ app: "keycloak", state: "absent", summary: "", durationMs: 0 }] })).toBe(0);
    expect(sweepExitCode({ status: "completed", recipes: [row({})], reconcile: [{ app: "keycloak", state: "failed", summary: "", durationMs: 0 }] })).toBe(3);
    expect(sweepExitCode({ status: "cancelled", recipes: [], reconcile: [] })).toBe(5);
  });

  it("the table says 'promotion failed' with its reason, never 'promoted' for a failed promotion", () => {
    const t = formatSweepTable([row({ recipe: "alpha" }), row({ recipe: "beta", promotion: "failed", reason: "snapshot: disk full" }), row({ recipe: "gamma", verdict: "red", promotion: "not-eligible", reason: "the cold run was red" })]);
    const lines = t.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RECIPE\s+VERDICT\s+DURATION\s+PROMOTION$/);
    expect(lines[1]).toMatch(/^alpha\s+green\s+1\.5s\s+promoted$/);
    expect(lines[2]).toMatch(/^beta\s+green\s+1\.5s\s+promotion failed \(snapshot: disk full\)$/);
    expect(lines[3]).toMatch(/not eligible \(the cold run was red\)$/);
  });

  it("writes the timestamped file and latest.json atomically (no temp files left)", async () => {
    const r: SweepResults = { format: 1, sweepId: "s1", status: "completed", startedAt: "2026-01-01T02:00:00.000Z", finishedAt: "2026-01-01T02:01:00.000Z", durationMs: 60_000, maxTests: 2, reconcile: [], recipes: [row({})], counts: countRows([row({})]), exitCode: 0 };
    const path = await writeSweepResults(dir, r);
    expect(path).toBe(join(dir, "sweeps", "2026-01-01T02-00-00.000Z.json"));
    expect(JSON.parse(await readFile(join(dir, "sweeps", "latest.json"), "utf8"))).toEqual(r);
    expect((await readdir(join(dir, "sweeps"))).sort()).toEqual(["2026-01-01T02-00-00.000Z.json", "latest.json"]);
    expect(await readLastSwept(dir)).toEqual({ r: "2026-01-01T02:00:00.000Z" });
    expect(await readLastSwept(join(dir, "nowhere"))).toEqual({});
  });
});

describe("the host lock", () => {
  it("refuses at once while another holder has it, and works once it is released", async () => {
    const other = await acquireLock(dir, "host", { purpose: "a cold test" });
    const t0 = Date.now();
    await expect(takeHostLock(dir, "sweep")).rejects.toThrow(HostBusyError);
    await expect(takeHostLock(dir, "sweep")).rejects.toThrow(/a cold test/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await other.release();
    const mine = await takeHostLock(dir, "sweep");
    expect(mine.holder.purpose).toBe("sweep");
    await mine.release();
  });
});

describe("the reconcile seam", () => {
  const env: CommandEnv = { config: configSchema.parse({}), env: {} };
  const fake = (behaviour: "pass" | "fail" | "throw"): GraphCommand<{ app: string }> =>
    defineCommand({
      name: "reconcile", summary: "fake", params: z.strictObject({ app: z.string().describe("app") }),
      build: () => defineGraph({ id: "reconcile", tasks: [defineTask({ id: "roll", run: () => { if (behaviour === "fail") throw new Error("health check failed"); } })] }),
      precheck: () => { if (behaviour === "throw") throw new Error("no such infra app"); },
    });
  const lookup = (c: GraphCommand) => [{ name: "reconcile", load: async () => c }];

  it("records absent, passed, failed and could-not-run without throwing", async () => {
    expect((await rollInfrastructure(["keycloak"], env, { commands: [] }))[0]).toMatchObject({ app: "keycloak", state: "absent" });
    expect((await rollInfrastructure(["keycloak"], env, { commands: lookup(fake("pass")) }))[0]).toMatchObject({ state: "passed", exitCode: 0 });
    const failed = (await rollInfrastructure(["keycloak", "traefik"], env, { commands: lookup(fake("fail")) }));
    expect(failed.map((r) => [r.app, r.state])).toEqual([["keycloak", "failed"], ["traefik", "failed"]]);
    expect(failed[0]!.exitCode).toBe(3);
    expect((await rollInfrastructure(["keycloak"], env, { commands: lookup(fake("throw")) }))[0]).toMatchObject({ state: "failed", summary: expect.stringMatching(/no such infra app/) });
    expect(await rollInfrastructure([], env, { commands: lookup(fake("pass")) })).toEqual([]);
  });
});
