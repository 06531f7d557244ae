// The quick lane end to end on the real swarm with the demo recipe: fallback, the rollback
// proof, a pass that leaves the known-good alone, restore-first, SIGTERM mid-upgrade, locking.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { canonicalApp } from "../../lib/canonical/app.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { listLocks } from "../../lib/lock/status.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { snapshotVolumeRefs } from "../../lib/canonical/app.ts";
import { ensureBuilt, jsonLines, type Runtime, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

let repo: string;
let env: ReturnType<typeof warmConfig>;

beforeAll(async () => {
  await ensureBuilt();
  repo = await makeDemoRepo();
  env = warmConfig({ demo: { source: repo, convergeTimeoutMinutes: 3 }, other: { source: repo, convergeTimeoutMinutes: 3 } });
}, 300_000);

afterAll(async () => {
  for (const recipe of ["demo", "other"]) await removeCanonical(env.config, recipe);
}, 300_000);

const quick = (args: string[], runtime: Runtime = "node") => startCli(runtime, ["quick", ...args, "--json", "--config", env.configPath]);
const result = (stdout: string) => jsonLines(stdout).at(-1)!;

async function canonicalMatchesKnownGood(recipe: string) {
  const app = canonicalApp(recipe, env.config);
  const volumes = await snapshotVolumeRefs(createDeployer(env.config), app);
  const live = await verifyVolumesAgainstManifest(volumes, { stateDir: env.stateDir, recipe, stack: app.stack });
  const stored = await verifySnapshot(env.stateDir, recipe);
  return { live, stored, app };
}

async function stackIsUp(stack: string): Promise<boolean> {
  const res = await execa("docker", ["stack", "ls", "--format", "{{.Name}}"]);
  return res.stdout.split("\n").includes(stack);
}

describe("quick lane on the demo recipe", () => {
  it("no canonical → the fallback result (exit 4), nothing touched", async () => {
    const res = await quick(["recipe=demo", "ref=v2"]);
    expect(res.exitCode).toBe(4);
    expect(result(res.stdout)).toMatchObject({ type: "result", mode: "cold", verdict: "fallback", fallback: true, recipe: "demo" });
    expect(await stackIsUp(canonicalApp("demo", env.config).stack)).toBe(false);
    // Nothing of the canonical's was created: the only thing written is the run's history
    // record (an operator's memory of the fallback), under history/.
    const ls = await execa("ls", ["-A", env.stateDir], { reject: false });
    expect(ls.stdout.trim().split("\n").filter(Boolean)).toEqual(["history"]);
    const hist = await execa("sh", ["-c", `cat "${env.stateDir}"/history/*`]);
    expect(hist.stdout).toContain('"verdict":"fallback"');
  });

  it("seeds the canonical at v1 (the promotion path)", async () => {
    const entry = await seedCanonical(env.config, "demo", "v1");
    expect(entry).toMatchObject({ recipe: "demo", dirty: false, quickRuns: 0 });
    expect((await verifySnapshot(env.stateDir, "demo")).ok).toBe(true);
  });

  it("the rollback proof: `broken` fails, the data is restored byte-identical to the known-good", async () => {
    const before = await getCanonical(env.stateDir, "demo");
    const res = await quick(["recipe=demo", "ref=broken"]);
    const r = result(res.stdout);
    expect(res.exitCode, res.stderr).toBe(1);
    expect(r).toMatchObject({ mode: "quick", verdict: "failed", rolledBack: true, recipe: "demo", ref: "broken", canonical: before!.knownGoodCommit });
    const after = await getCanonical(env.stateDir, "demo");
    expect(after).toMatchObject({ knownGoodCommit: before!.knownGoodCommit, manifestDigest: before!.manifestDigest, dirty: false, lastQuickVerdict: "fail" });
    const { live, stored, app } = await canonicalMatchesKnownGood("demo");
    expect(stored.ok).toBe(true);
    expect(live.ok, JSON.stringify(live.mismatches.slice(0, 5))).toBe(true);
    expect(await stackIsUp(app.stack)).toBe(false);
    expect(await listLocks(env.stateDir)).toEqual([]);
  });

  it("a pass with v2 leaves the known-good commit and MANIFEST unchanged and marks the canonical dirty", async () => {
    const before = await getCanonical(env.stateDir, "demo");
    const manifestBefore = readFileSync(join(snapshotLayout(env.stateDir, "demo").knownGood, "MANIFEST"), "utf8");
    const res = await quick(["recipe=demo", "ref=v2"]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(result(res.stdout)).toMatchObject({ mode: "quick", verdict: "passed", rolledBack: false, canonical: before!.knownGoodCommit });
    expect(readFileSync(join(snapshotLayout(env.stateDir, "demo").knownGood, "MANIFEST"), "utf8")).toBe(manifestBefore);
    const after = await getCanonical(env.stateDir, "demo");
    expect(after).toMatchObject({ knownGoodCommit: before!.knownGoodCommit, manifestDigest: before!.manifestDigest, dirty: true, lastQuickVerdict: "pass" });
    // The canonical's data now carries the PR's migration (schema 2): it differs from known-good.
    const { live, app } = await canonicalMatchesKnownGood("demo");
    expect(live.ok).toBe(false);
    const data = (await snapshotVolumeRefs(createDeployer(env.config), app)).find((v) => v.key === "data")!;
    expect(readFileSync(join(data.mountpoint, "schema"), "utf8").trim()).toBe("2");
  });

  it("the next quick run starts from the known-good (restores first), on Deno", async () => {
    const res = await quick(["recipe=demo", "ref=v2"], "deno");
    expect(res.exitCode, res.stderr).toBe(0);
    const r = result(res.stdout);
    expect(r).toMatchObject({ verdict: "passed", restoredFirst: true });
    const events = jsonLines(res.stdout);
    expect(events.some((e) => e.type === "log" && String(e.message).includes("restoring"))).toBe(true);
  });

  it("SIGTERM during the upgrade: undeployed, data restored, lock released, exit 5", async () => {
    const child = quick(["recipe=demo", "ref=v2"]);
    await new Promise<void>((resolve) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes('"type":"task-start","task":"upgrade"')) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 1500)); // mid-upgrade: the deploy is under way
    child.kill("SIGTERM");
    const res = await child;
    expect(res.exitCode, res.stderr).toBe(5);
    const r = result(res.stdout);
    expect(r).toMatchObject({ verdict: "cancelled", rolledBack: true, tasks: { upgrade: "cancelled", rollback: "succeeded", unlock: "succeeded" } });
    const { live, app } = await canonicalMatchesKnownGood("demo");
    expect(live.ok).toBe(true);
    expect(await stackIsUp(app.stack)).toBe(false);
    expect(await listLocks(env.stateDir)).toEqual([]);
    expect(await getCanonical(env.stateDir, "demo")).toMatchObject({ dirty: false });
  });

  it("two runs of one recipe run one after the other; two recipes run side by side", async () => {
    await seedCanonical(env.config, "other", "v1");
    const runs = [quick(["recipe=demo", "ref=v2"]), quick(["recipe=demo", "ref=v2"]), quick(["recipe=other", "ref=v2"])];
    const results = await Promise.all(runs);
    for (const res of results) expect(res.exitCode, res.stderr).toBe(0);
    const windows = results.map((res) => {
      const events = jsonLines(res.stdout);
      const start = events.find((e) => e.type === "task-start" && e.task === "canonical")!;
      const end = events.find((e) => e.type === "task-end" && e.task === "unlock")!;
      return [Date.parse(String(start.ts)), Date.parse(String(end.ts))] as const;
    });
    const [a, b, other] = windows as [readonly [number, number], readonly [number, number], readonly [number, number]];
    // Same recipe: the lock-held windows never overlap.
    expect(a[1] <= b[0] || b[1] <= a[0]).toBe(true);
    // Different recipe: it overlapped with at least one demo run.
    expect(other[0] < Math.max(a[1], b[1]) && other[1] > Math.min(a[0], b[0])).toBe(true);
    const waited = results.slice(0, 2).some((res) => jsonLines(res.stdout).some((e) => e.type === "log" && String(e.message).startsWith("waiting for the lock on demo")));
    expect(waited).toBe(true);
    const m = await readManifest(snapshotLayout(env.stateDir, "other").knownGood);
    expect(m.manifest.recipe).toBe("other");
  });
});
