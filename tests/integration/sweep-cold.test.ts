// The nightly sweep through the real CLI on the real swarm: the cold command is a fake
// orchestrator (tests/fixtures/sweep/fake-cold.sh: the orchestrator's boundary), promotion of the
// green ones is real. 3 recipes, MAX_TESTS=2: exactly two run; a green run whose promotion fails
// is "promotion failed", never promoted; the next sweep picks the recipe left out and promotes
// it; the sweep refuses while the host lock is held; a failing reconcile is recorded, not fatal.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import { acquireLock } from "../../lib/lock/acquire.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import type { SweepResults } from "../../tasks/sweep/results.ts";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { cleanupStack, demoImage, ensureProxyNetwork, makeDemoRepo } from "./deploy-helpers.ts";

const hex = randomBytes(3).toString("hex");
const [a, b, c] = ["a", "b", "c"].map((x) => `s${hex}-${x}`) as [string, string, string];
const ciDomain = `t${hex}.ccw.test`;
const stacks = [a, b, c].map((r) => stackNameFromDomain(`warm-${r}.${ciDomain}`));
let root: string;
let stateDir: string;
let configPath: string;
let coldLog: string;
let env: Record<string, string>;

async function sweep(...args: string[]) {
  const res = await startCli("node", ["sweep", ...args, "--json", "--config", configPath], env);
  return { exitCode: res.exitCode, result: jsonLines(String(res.stdout)).at(-1)!, stderr: String(res.stderr) };
}
const latest = async (): Promise<SweepResults> => JSON.parse(await readFile(join(stateDir, "sweeps", "latest.json"), "utf8"));
const coldCalls = async () => (existsSync(coldLog) ? (await readFile(coldLog, "utf8")).trim().split("\n") : []);

beforeAll(async () => {
  await Promise.all([ensureBuilt(), ensureProxyNetwork()]);
  const made = await makeDemoRepo();
  root = made.root;
  stateDir = join(root, "state");
  coldLog = join(root, "cold.log");
  configPath = join(root, "config.json");
  const recipes = {
    [a]: { source: made.repo, convergeTimeoutMinutes: 2, seedCommand: ["sh", "-c", "echo seeding fails >&2; exit 9"] }, // green cold, promotion fails
    [b]: { source: made.repo }, // red cold
    [c]: { source: made.repo, convergeTimeoutMinutes: 2 }, // green cold, promoted
  };
  const sweepConfig = { coldCommand: [`${ROOT}tests/fixtures/sweep/fake-cold.sh`, "{recipe}", "{ref}"], reconcileApps: [`nope${hex}`] };
  await writeFile(configPath, JSON.stringify({ stateDir, ciDomain, recipes, sweep: sweepConfig }));
  env = { DEMO_IMAGE: await demoImage(), FAKE_COLD_LOG: coldLog, FAKE_COLD_RED: b, CC_WARM_MAX_TESTS: "2" };
});

afterAll(async () => {
  for (const s of stacks) await cleanupStack(s);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the nightly sweep", () => {
  it("refuses while the host lock is held, writing nothing", async () => {
    const held = await acquireLock(stateDir, "host", { purpose: "a cold test" });
    try {
      const { exitCode, result, stderr } = await sweep();
      expect(exitCode).toBe(3);
      expect(result).toMatchObject({ verdict: "refused", sweep: "refused" });
      expect(stderr).toMatch(/host is busy.*a cold test/);
    } finally {
      await held.release();
    }
    expect(await coldCalls()).toEqual([]);
    expect(existsSync(join(stateDir, "sweeps"))).toBe(false);
  });

  it("3 recipes, MAX_TESTS=2 (env): exactly two run; the failed promotion is 'promotion failed'; reconcile failure recorded", async () => {
    const { exitCode, result, stderr } = await sweep();
    expect(exitCode).toBe(3); // a promotion failed (and reconcile failed): a human must look
    expect(await coldCalls()).toEqual([`${a} v2 cold sweep`, `${b} v2 cold sweep`]);
    const r = await latest();
    expect(result.results).toEqual(r);
    expect(r).toMatchObject({ format: 1, status: "completed", maxTests: 2, exitCode: 3, counts: { run: 2, green: 1, red: 1, error: 0, promoted: 0, promotionFailed: 1, notRun: 1 } });
    expect(r.reconcile).toEqual([expect.objectContaining({ app: `nope${hex}`, state: "failed" })]);
    expect(r.recipes.map((x) => [x.recipe, x.verdict, x.promotion])).toEqual([[a, "green", "failed"], [b, "red", "not-eligible"], [c, "not-run", "not-run"]]);
    expect(r.recipes[0]!.reason).toMatch(/seed command sh exited 9/);
    expect(r.recipes[0]!.ref).toBe("v2");
    expect(await getCanonical(stateDir, a)).toBeUndefined(); // a failed first seed leaves no canonical
    expect(await getCanonical(stateDir, b)).toBeUndefined();
    expect(stderr).toMatch(new RegExp(`${a}\\s+green\\s+[\\d.]+s\\s+promotion failed \\(`));
    expect(stderr).not.toMatch(new RegExp(`${a}.*\\bpromoted\\b`));
    expect((await readdir(join(stateDir, "sweeps"))).length).toBe(2);
  });

  it("the next sweep tests the recipe left out first (max-tests=1 beats the env) and promotes it for real", async () => {
    const { exitCode, result } = await sweep("max-tests=1");
    expect(exitCode).toBe(3); // the reconcile app still does not exist
    expect((await coldCalls()).slice(2)).toEqual([`${c} v2 cold sweep`]);
    const r = await latest();
    expect(r.recipes.map((x) => [x.recipe, x.verdict, x.promotion])).toEqual([[c, "green", "promoted"], [a, "not-run", "not-run"], [b, "not-run", "not-run"]]);
    const entry = await getCanonical(stateDir, c);
    expect(entry).toMatchObject({ version: "v2", dirty: false, knownGoodCommit: r.recipes[0]!.commit });
    expect(entry!.manifestDigest).toBe((await readManifest(snapshotLayout(stateDir, c).knownGood)).digest);
    expect(r.recipes[0]!.canonical).toBe(entry!.knownGoodCommit);
    expect(result).toMatchObject({ sweep: "completed" });
    expect((await readdir(join(stateDir, "sweeps"))).length).toBe(3);
  });
});
