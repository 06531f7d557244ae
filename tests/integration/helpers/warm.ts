// Test helpers for warm-lane integration tests: a demo recipe repo, a temp config and state dir,
// a seeded canonical (the rewarm promotion path, through the library), and cleanup.
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { canonicalApp } from "../../../lib/canonical/app.ts";
import { commitKnownGood, rewarmCanonical } from "../../../lib/canonical/promote.ts";
import type { CanonicalEntry } from "../../../lib/canonical/registry-schema.ts";
import { loadConfig } from "../../../lib/config/load.ts";
import type { Config } from "../../../lib/config/mod.ts";
import { createDeployer } from "../../../lib/deploy/factory.ts";
import { removeGeneratedSecrets } from "../../../lib/deploy/secrets.ts";
import { removeStack } from "../../../lib/deploy/undeploy.ts";
import { ROOT } from "../../helpers/cli.ts";

/** A fresh git repo of the demo recipe (tags v1, v2, broken). */
export async function makeDemoRepo(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), "ccw-demo-")), "demo");
  await execa("bash", [`${ROOT}examples/recipes/demo/make-repo.sh`, dir]);
  return dir;
}

/** A temp state dir and config file whose ciDomain is unique, so stacks never collide. */
export function warmConfig(recipes: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): { configPath: string; config: Config; stateDir: string } {
  const base = mkdtempSync(join(tmpdir(), "ccw-state-"));
  const stateDir = join(base, "state");
  const raw = { stateDir, ciDomain: `t${randomBytes(3).toString("hex")}.ccw.test`, recipes, ...extra };
  const configPath = join(base, "config.json");
  writeFileSync(configPath, JSON.stringify(raw, null, 2));
  return { configPath, config: loadConfig({ path: configPath, env: {} }), stateDir };
}

/** Seed (or re-seed) a recipe's canonical at `ref`: fresh deploy, healthy, undeploy, snapshot. */
export async function seedCanonical(config: Config, recipe: string, ref: string): Promise<CanonicalEntry> {
  const app = canonicalApp(recipe, config);
  const deployer = createDeployer(config);
  const { commit, specHash, imageDigests } = await rewarmCanonical(deployer, app, ref, { stateDir: config.stateDir, convergeMs: 180_000 });
  const { entry } = await commitKnownGood(deployer, app, { stateDir: config.stateDir, commit: commit!, version: ref, stackSpecHash: specHash, imageDigests });
  return entry;
}

/** Remove a canonical's stack, volumes and generated secrets. */
export async function removeCanonical(config: Config, recipe: string): Promise<void> {
  const app = canonicalApp(recipe, config);
  await removeStack(app.stack, { timeoutMs: 120_000 });
  const vols = await execa("docker", ["volume", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${app.stack}`]);
  const names = vols.stdout.split("\n").filter(Boolean);
  if (names.length) await execa("docker", ["volume", "rm", ...names]);
  await removeGeneratedSecrets(app.stack);
  await execa("docker", ["config", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${app.stack}`]).then(async (r) => {
    const ids = r.stdout.split("\n").filter(Boolean);
    if (ids.length) await execa("docker", ["config", "rm", ...ids], { reject: false });
  });
}
