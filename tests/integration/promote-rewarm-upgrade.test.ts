// Promotion's rewarm deploys a release onto the canonical's existing env file: a release that adds
// a secret (a new SECRET_API_KEY_VERSION in .env.sample, a new secret in compose) must get the key
// and the secret, as an operator's upgrade would, instead of failing with "secret not found".
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { canonicalApp } from "../../lib/canonical/app.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { appEnvPath } from "../../lib/deploy/app-env.ts";
import { ROOT } from "../helpers/cli.ts";
import { removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

const RECIPE = "fidelity-rewarm";
let env: ReturnType<typeof warmConfig>;

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "ccw-rewarm-")), "single");
  await execa("bash", [`${ROOT}tests/fixtures/recipes/fidelity/make-repo.sh`, dir, "single"]);
  env = warmConfig({ [RECIPE]: { source: dir, convergeTimeoutMinutes: 1 } });
  await seedCanonical(env.config, RECIPE, "good");
}, 300_000);

afterAll(async () => {
  if (!env) return;
  // The stack just undeployed may still be losing its network ("network … not found"): retry once.
  await removeCanonical(env.config, RECIPE).catch(() => new Promise((r) => setTimeout(r, 5000)).then(() => removeCanonical(env.config, RECIPE)));
}, 300_000);

it("re-promotes by rewarm to a release that adds a secret: the key is added and the secret generated", async () => {
  const app = canonicalApp(RECIPE, env.config);
  const envFile = appEnvPath(env.stateDir, app.domain);
  expect(await readFile(envFile, "utf8")).not.toMatch(/SECRET_API_KEY_VERSION/);
  const entry = await seedCanonical(env.config, RECIPE, "secret-added");
  expect(entry.version).toBe("secret-added");
  expect((await getCanonical(env.stateDir, RECIPE))?.knownGoodCommit).toBe(entry.knownGoodCommit);
  expect(await readFile(envFile, "utf8")).toMatch(/^SECRET_API_KEY_VERSION=v1\b/m);
  const secrets = (await execa("docker", ["secret", "ls", "--format", "{{.Name}}", "--filter", `name=${app.stack}_api_key`])).stdout.split("\n").filter(Boolean);
  expect(secrets).toEqual([`${app.stack}_api_key_v1`]);
}, 300_000);
