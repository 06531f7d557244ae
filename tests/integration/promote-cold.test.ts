// promote-on-green-cold on the real swarm with the demo recipe, through the real CLI: the first
// green cold seeds the canonical; red/quick/PR/older refs never promote; a promotion that fails
// after the deploy restores the previous known-good and reports "failed"; SIGKILL mid-promotion
// leaves the known-good and registry entry intact (dirty flag set); the next promotion succeeds.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCanonical } from "../../lib/canonical/registry.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { cleanupStack, demoImage, ensureProxyNetwork, makeDemoRepo } from "./deploy-helpers.ts";

const hex = randomBytes(3).toString("hex");
const recipe = `demo-${hex}`;
const ciDomain = `t${hex}.ccw.test`;
const stack = stackNameFromDomain(`warm-${recipe}.${ciDomain}`);
let root: string;
let repo: string;
let stateDir: string;
let configPath: string;
let failSeed: string;
let env: Record<string, string>;

const git = async (...args: string[]) => (await runCommandOrThrow("git", ["-C", repo, ...args])).stdout.trim();
async function promote(...args: string[]): Promise<{ exitCode: number; result: Record<string, unknown>; stderr: string }> {
  const res = await startCli("node", ["promote", `recipe=${recipe}`, ...args, "--json", "--config", configPath], env);
  const lines = jsonLines(String(res.stdout));
  return { exitCode: res.exitCode ?? -1, result: lines.at(-1)!, stderr: String(res.stderr) };
}
async function snapshotState(): Promise<{ entry: CanonicalEntry | undefined; digest: string }> {
  return { entry: await getCanonical(stateDir, recipe), digest: (await readManifest(snapshotLayout(stateDir, recipe).knownGood)).digest };
}

beforeAll(async () => {
  await Promise.all([ensureBuilt(), ensureProxyNetwork()]);
  ({ root, repo } = await makeDemoRepo());
  await git("tag", "-d", "v2"); // latest is v1 until the test releases v2
  stateDir = join(root, "state");
  failSeed = join(root, "fail-seed");
  configPath = join(root, "config.json");
  const recipes = {
    [recipe]: { source: repo, convergeTimeoutMinutes: 2, seedCommand: ["sh", "-c", `test ! -e ${failSeed} || { echo seed refused >&2; exit 7; }`] },
    keycloak: { source: repo },
  };
  await writeFile(configPath, JSON.stringify({ stateDir, ciDomain, recipes, sweep: { reconcileApps: [] } }));
  env = { DEMO_IMAGE: await demoImage() };
});

afterAll(async () => {
  await cleanupStack(stack);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("promote-on-green-cold", () => {
  it("the first green cold seeds the canonical: registry entry and a known-good that verifies", async () => {
    const { exitCode, result } = await promote("verdict=green", "mode=cold");
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ promotion: "promoted", promoted: true, seeded: true, canonical: await git("rev-parse", "v1^{commit}"), version: "v1" });
    const { entry, digest } = await snapshotState();
    expect(entry).toMatchObject({ knownGoodCommit: await git("rev-parse", "v1^{commit}"), version: "v1", manifestDigest: digest, dirty: false, quickRuns: 0, stack });
    expect(result.knownGoodDigest).toBe(digest);
    expect((await verifySnapshot(stateDir, recipe)).ok).toBe(true);
  });

  it("red, quick, a PR ref, an older release and a non-enrolled recipe never promote; a colliding recipe is refused", async () => {
    const before = await snapshotState();
    const cases: [string[], RegExp][] = [
      [["verdict=red", "mode=cold"], /cold run was red/],
      [["verdict=green", "mode=quick"], /quick run never promotes/],
      [["verdict=green", "mode=cold", "ref=refs/pull/12/head"], /pull-request ref/],
      [["verdict=green", "mode=cold", "ref=broken"], /not the latest release v1/],
    ];
    for (const [args, reason] of cases) {
      const { exitCode, result } = await promote(...args);
      expect(exitCode, args.join(" ")).toBe(0);
      expect(result, args.join(" ")).toMatchObject({ promotion: "not-eligible", promoted: false, reason: expect.stringMatching(reason) });
    }
    const other = await startCli("node", ["promote", "recipe=nobody", "verdict=green", "mode=cold", "--json", "--config", configPath], env);
    expect(jsonLines(String(other.stdout)).at(-1)).toMatchObject({ promotion: "not-eligible", reason: expect.stringMatching(/not enrolled/) });
    const clash = await startCli("node", ["promote", "recipe=keycloak", "verdict=green", "mode=cold", "--json", "--config", configPath], env);
    expect(clash.exitCode).toBe(2);
    expect(String(clash.stderr)).toMatch(/warm-keycloak\..* is the live-warm infrastructure's domain/);
    expect(await snapshotState()).toEqual(before);
  });

  it("a promotion that fails after the fresh deploy reports failed and restores the previous known-good", async () => {
    await git("tag", "v2", "main"); // release v2
    const before = await snapshotState();
    await writeFile(failSeed, "");
    const { exitCode, result, stderr } = await promote("verdict=green", "mode=cold", "ref=v2");
    await rm(failSeed);
    expect(exitCode).toBe(3);
    expect(result).toMatchObject({ promotion: "failed", promoted: false, restoredPrevious: true, reason: expect.stringMatching(/seed command sh exited 7/) });
    expect(stderr).toMatch(/PROMOTION FAILED/);
    expect(stderr).not.toMatch(/promoted the canonical/);
    expect(await snapshotState()).toEqual(before);
    const { manifest } = await readManifest(snapshotLayout(stateDir, recipe).knownGood);
    const volumes = manifest.volumes.map((v) => ({ name: `${stack}_${v.key}`, mountpoint: `/var/lib/docker/volumes/${stack}_${v.key}/_data`, key: v.key }));
    expect((await verifyVolumesAgainstManifest(volumes, { stateDir, recipe, stack })).ok).toBe(true);
  });

  it("SIGKILL during the promotion leaves the known-good and registry entry intact; the next promotion succeeds", async () => {
    const before = await snapshotState();
    const child = startCli("node", ["promote", `recipe=${recipe}`, "verdict=green", "mode=cold", "--json", "--config", configPath], env);
    await new Promise<void>((resolve, reject) => {
      let buf = "";
      child.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        if (/waiting until healthy/.test(buf)) resolve();
      });
      void child.then(() => reject(new Error(`promote ended before the deploy: ${buf}`)));
    });
    child.kill("SIGKILL");
    await child;
    const after = await snapshotState();
    expect(after.digest).toBe(before.digest);
    expect(after.entry).toMatchObject({ knownGoodCommit: before.entry!.knownGoodCommit, manifestDigest: before.entry!.manifestDigest, version: "v1", dirty: true });
    expect((await verifySnapshot(stateDir, recipe)).ok).toBe(true);

    const { exitCode, result } = await promote("verdict=green", "mode=cold", "ref=v2");
    expect(exitCode).toBe(0);
    const v2 = await git("rev-parse", "v2^{commit}");
    expect(result).toMatchObject({ promotion: "promoted", seeded: false, canonical: v2, version: "v2", previous: { commit: before.entry!.knownGoodCommit } });
    const now = await snapshotState();
    expect(now.digest).not.toBe(before.digest);
    expect(now.entry).toMatchObject({ knownGoodCommit: v2, version: "v2", manifestDigest: now.digest, dirty: false });
    expect((await verifySnapshot(stateDir, recipe)).ok).toBe(true);
    expect((await readdir(snapshotLayout(stateDir, recipe).recipeDir)).sort()).toEqual(["known-good"]);
    expect(existsSync(join(snapshotLayout(stateDir, recipe).knownGood, "data", "schema"))).toBe(true);
  });
});
