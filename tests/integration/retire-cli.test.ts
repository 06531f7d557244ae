// `cc-warm retire` on the real swarm (issue 12): a canonical that is no longer in the config is
// named by status and prune (which keeps it), listed by a dry run, and removed — stack, volumes,
// secrets, configs, known-good, registry entry — only by `retire dry-run=false`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { canonicalApp } from "../../lib/canonical/app.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

const RECIPE = "ccwretire";
let env: ReturnType<typeof warmConfig>;
let unenrolledConfig: string;

beforeAll(async () => {
  await ensureBuilt();
  env = warmConfig({ [RECIPE]: { source: await makeDemoRepo(), convergeTimeoutMinutes: 2 } });
  await seedCanonical(env.config, RECIPE, "v1");
  // The same host state, with the recipe dropped from the config (what an operator does first).
  unenrolledConfig = join(env.configPath, "..", "unenrolled.json");
  writeFileSync(unenrolledConfig, JSON.stringify({ ...JSON.parse(readFileSync(env.configPath, "utf8")), recipes: {} }));
}, 300_000);

afterAll(async () => {
  if (env) await removeCanonical(env.config, RECIPE);
}, 300_000);

const cli = async (args: string[], config = unenrolledConfig) => {
  const res = await startCli("node", [...args, "--json", "--config", config]);
  return { ...res, result: jsonLines(res.stdout).at(-1)! };
};
const dockerNames = async (kind: string, stack: string) =>
  (await execa("docker", [kind, "ls", "--format", "{{.Name}}"])).stdout.split("\n").filter((n) => n.startsWith(`${stack}_`));

describe("cc-warm retire", () => {
  it("status and prune name the canonical that is no longer in the config; prune keeps it", async () => {
    const status = await cli(["status"]);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(JSON.stringify(status.result)).toContain(`cc-warm retire recipe=${RECIPE}`);
    const prune = await cli(["prune"]);
    expect(prune.exitCode, prune.stderr).toBe(0);
    const stack = canonicalApp(RECIPE, env.config).stack;
    expect((prune.result.protected as { stack: string; why: string }[]).find((p) => p.stack === stack)?.why).toMatch(/no longer in the config.*retire/);
    expect(prune.stderr).toContain(`kept ${stack}`);
  });

  it("refuses live-warm infrastructure before any side effect", async () => {
    const res = await cli(["retire", "recipe=keycloak", "dry-run=false"]);
    expect(res.exitCode).toBe(2);
    expect(res.result).toMatchObject({ exitCode: 2, error: { message: expect.stringMatching(/live-warm infrastructure/) } });
  });

  it("a dry run lists everything and removes nothing; dry-run=false removes it all", async () => {
    const { stack } = canonicalApp(RECIPE, env.config);
    const { recipeDir } = snapshotLayout(env.stateDir, RECIPE);
    const dry = await cli(["retire", `recipe=${RECIPE}`]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    const items = dry.result.items as string[];
    expect(items).toEqual(expect.arrayContaining([`volume: ${stack}_data`, `volume: ${stack}_cache`, `known-good: ${recipeDir}`, `registry entry: ${RECIPE}`]));
    expect(items.some((i) => i.startsWith(`secret: ${stack}_demo_token_`))).toBe(true);
    expect(dry.result).toMatchObject({ dryRun: true, removed: [], enrolled: false });
    expect(await dockerNames("volume", stack)).toHaveLength(2);
    expect(await getCanonical(env.stateDir, RECIPE)).toBeDefined();

    const real = await cli(["retire", `recipe=${RECIPE}`, "dry-run=false"]);
    expect(real.exitCode, real.stderr).toBe(0);
    expect(real.result.removed).toEqual(items);
    expect(await dockerNames("volume", stack)).toEqual([]);
    expect(await dockerNames("secret", stack)).toEqual([]);
    expect(await dockerNames("config", stack)).toEqual([]);
    expect(existsSync(recipeDir)).toBe(false);
    expect(await getCanonical(env.stateDir, RECIPE)).toBeUndefined();

    const again = await cli(["retire", `recipe=${RECIPE}`, "dry-run=false"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.result.items).toEqual([]);
  });
});
