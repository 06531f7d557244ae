// The `adopt` strategy on the real swarm: the green cold app's undeployed volumes become the
// canonical's known-good (no second deploy); refused while the cold app is still deployed.
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { DockerStackDeployer } from "../../lib/deploy/docker-stack.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import type { AppRef } from "../../lib/deploy/types.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { cleanupStack, demoImage, ensureProxyNetwork, makeDemoRepo } from "./deploy-helpers.ts";

const hex = randomBytes(3).toString("hex");
const recipe = `adopt-${hex}`;
const ciDomain = `t${hex}.ccw.test`;
const coldDomain = `cold-${hex}.${ciDomain}`;
const canonStack = stackNameFromDomain(`warm-${recipe}.${ciDomain}`);
let root: string;
let stateDir: string;
let configPath: string;
let cold: AppRef;
let deployer: DockerStackDeployer;

const promote = async (...args: string[]) => {
  const res = await startCli("node", ["promote", `recipe=${recipe}`, "verdict=green", "mode=cold", ...args, "--json", "--config", configPath], { DEMO_IMAGE: process.env.DEMO_IMAGE! });
  return { exitCode: res.exitCode, result: jsonLines(String(res.stdout)).at(-1)! };
};

beforeAll(async () => {
  await Promise.all([ensureBuilt(), ensureProxyNetwork()]);
  process.env.DEMO_IMAGE = await demoImage();
  const made = await makeDemoRepo();
  root = made.root;
  stateDir = join(root, "state");
  configPath = join(root, "config.json");
  await writeFile(configPath, JSON.stringify({ stateDir, ciDomain, recipes: { [recipe]: { source: made.repo, strategy: "adopt", convergeTimeoutMinutes: 2 } }, sweep: { reconcileApps: [] } }));
  // The orchestrator's green cold run, stood in for by a plain deploy at another domain.
  deployer = new DockerStackDeployer({ stateDir: join(root, "cold-state") });
  cold = { recipe, domain: coldDomain, stack: stackNameFromDomain(coldDomain), recipeDir: made.repo };
  await deployer.deploy(cold, "v2", { env: { DEMO_IMAGE: process.env.DEMO_IMAGE } });
  await deployer.waitConverged(cold, { timeoutMs: 120_000 });
});

afterAll(async () => {
  await cleanupStack(canonStack);
  if (cold) await cleanupStack(cold.stack);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("promote by adopt", () => {
  it("needs cold-domain, refuses a deployed cold app, then adopts its volumes as the known-good", async () => {
    expect((await promote()).exitCode).toBe(2);
    const deployed = await promote(`cold-domain=${coldDomain}`);
    expect(deployed.exitCode).toBe(3);
    expect(deployed.result).toMatchObject({ promotion: "failed", reason: expect.stringMatching(/still deployed/) });
    expect(await getCanonical(stateDir, recipe)).toBeUndefined();

    await deployer.undeploy(cold);
    const { exitCode, result } = await promote(`cold-domain=${coldDomain}`);
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ promotion: "promoted", seeded: true, strategy: "adopt", version: "v2" });
    expect((await verifySnapshot(stateDir, recipe)).ok).toBe(true);
    const kg = snapshotLayout(stateDir, recipe).knownGood;
    const coldData = (await deployer.volumes(cold)).find((v) => v.name === "data")!.mountpoint;
    // The known-good holds the cold app's data, byte for byte (migrated to schema 2 by v2).
    expect(await readFile(join(kg, "data", "schema"), "utf8")).toBe("2\n");
    expect(await readFile(join(kg, "data", "SEEDED"), "utf8")).toBe(await readFile(join(coldData, "SEEDED"), "utf8"));
    expect(await getCanonical(stateDir, recipe)).toMatchObject({ version: "v2", dirty: false, stack: canonStack });
  });
});
