// The database-backed recipe (examples/recipes/ledger: PostgreSQL from Debian's packages, real
// rows) through the real CLI on the real swarm: promote seeds the canonical and its known-good
// (taken undeployed); quick passes with the schema migration; quick fails with the migration
// that breaks half-way and rolls the data back byte-identical, and PostgreSQL started on the
// restored data answers the known-good's row count; a cold run of the same upgrade.
// The seed is smaller than the recipe's default (LEDGER_SEED_ROWS): size is not the point here.
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalApp, snapshotVolumeRefs } from "../../lib/canonical/app.ts";
import type { VolumeRef } from "../../lib/volumes/types.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { ensureProxyNetwork } from "./deploy-helpers.ts";
import { queryVolumeCopy } from "./helpers/postgres.ts";
import { removeCanonical, warmConfig } from "./helpers/warm.ts";

const RECIPE = "ledger";
const SEED_ROWS = 150_000;
const cliEnv = { LEDGER_SEED_ROWS: String(SEED_ROWS) };
let root: string;
let env: ReturnType<typeof warmConfig>;
let knownGoodCount: string;

async function run(...args: string[]): Promise<{ exitCode: number; result: Record<string, unknown>; stderr: string }> {
  const res = await startCli("node", [...args, "--json", "--config", env.configPath], cliEnv);
  return { exitCode: res.exitCode ?? -1, result: jsonLines(String(res.stdout)).at(-1)!, stderr: String(res.stderr) };
}

async function canonicalVolume(): Promise<VolumeRef> {
  const refs = await snapshotVolumeRefs(createDeployer(env.config), canonicalApp(RECIPE, env.config));
  expect(refs.map((v) => v.key)).toEqual(["postgres"]);
  return refs[0]!;
}

const query = async (...sql: string[]) => queryVolumeCopy((await canonicalVolume()).name, sql, { user: "ledger", db: "ledger" });
const stackIsUp = async (stack: string) => (await execa("docker", ["stack", "ls", "--format", "{{.Name}}"])).stdout.split("\n").includes(stack);

beforeAll(async () => {
  await Promise.all([ensureBuilt(), ensureProxyNetwork()]);
  root = mkdtempSync(join(tmpdir(), "ccw-test-ledger-"));
  const repo = join(root, RECIPE);
  await execa("bash", [`${ROOT}examples/recipes/ledger/make-repo.sh`, repo]);
  // 1.0.0 is the latest release; 1.1.0's migration plays an open pull request.
  await execa("git", ["-C", repo, "branch", "pr-migrate", "1.1.0+15"]);
  await execa("git", ["-C", repo, "tag", "-d", "1.1.0+15"]);
  env = warmConfig({ [RECIPE]: { source: repo, convergeTimeoutMinutes: 3 } });
}, 120_000);

afterAll(async () => {
  if (env) await removeCanonical(env.config, RECIPE);
  if (root) await rm(root, { recursive: true, force: true });
}, 180_000);

describe("the ledger recipe (PostgreSQL) on the real swarm", () => {
  it("promote seeds the canonical at 1.0.0+15 and its known-good, taken undeployed", async () => {
    const { exitCode, result, stderr } = await run("promote", `recipe=${RECIPE}`, "verdict=green", "mode=cold");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ promotion: "promoted", seeded: true, version: "1.0.0+15" });
    expect(await stackIsUp(canonicalApp(RECIPE, env.config).stack)).toBe(false);
    const { manifest } = await readManifest(snapshotLayout(env.stateDir, RECIPE).knownGood);
    expect(manifest.volumes.map((v) => v.key)).toEqual(["postgres"]);
    expect((await verifySnapshot(env.stateDir, RECIPE)).ok).toBe(true);
    const [count, schema] = await query("SELECT count(*) FROM entries", "SELECT max(version) FROM schema_version");
    expect([count, schema]).toEqual([String(SEED_ROWS), "1"]);
    knownGoodCount = count!;
  });

  it("quick PASS: the PR's migration (schema 2) runs on the canonical's data; the known-good does not move", async () => {
    const before = await getCanonical(env.stateDir, RECIPE);
    const { exitCode, result, stderr } = await run("quick", `recipe=${RECIPE}`, "ref=pr-migrate");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ mode: "quick", verdict: "passed", rolledBack: false, canonical: before!.knownGoodCommit });
    expect(await getCanonical(env.stateDir, RECIPE)).toMatchObject({ knownGoodCommit: before!.knownGoodCommit, manifestDigest: before!.manifestDigest, dirty: true });
    const [schema, balances, categories] = await query(
      "SELECT max(version) FROM schema_version",
      "SELECT count(*) FROM accounts WHERE balance_cents <> 0",
      "SELECT count(*) FROM categories",
    );
    expect(schema).toBe("2");
    expect(Number(balances)).toBeGreaterThan(0);
    expect(categories).toBe("6");
  });

  it("quick FAIL: the migration that breaks half-way is rolled back; the restored PostgreSQL answers the known-good's row count", async () => {
    const before = await getCanonical(env.stateDir, RECIPE);
    const { exitCode, result, stderr } = await run("quick", `recipe=${RECIPE}`, "ref=pr-broken-migration");
    expect(exitCode, stderr).toBe(1);
    expect(result).toMatchObject({ mode: "quick", verdict: "failed", rolledBack: true, restoredFirst: true, canonical: before!.knownGoodCommit });
    expect(String(result.reason)).toMatch(/_app: .*tasks failed|did not converge/);
    expect(await getCanonical(env.stateDir, RECIPE)).toMatchObject({ knownGoodCommit: before!.knownGoodCommit, manifestDigest: before!.manifestDigest, dirty: false });
    const app = canonicalApp(RECIPE, env.config);
    expect(await stackIsUp(app.stack)).toBe(false);
    const live = await verifyVolumesAgainstManifest([await canonicalVolume()], { stateDir: env.stateDir, recipe: RECIPE, stack: app.stack });
    expect(live.ok, JSON.stringify(live.mismatches.slice(0, 5))).toBe(true);
    expect((await verifySnapshot(env.stateDir, RECIPE)).ok).toBe(true);
    const [count, schema, half] = await query(
      "SELECT count(*) FROM entries",
      "SELECT max(version) FROM schema_version",
      "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance_cents'",
    );
    expect([count, schema, half]).toEqual([knownGoodCount, "1", "0"]);
  });

  it("cold: the same upgrade from scratch (seed, migrate, tear down) passes and leaves nothing behind", async () => {
    const { exitCode, result, stderr } = await run("cold", `recipe=${RECIPE}`, "from=1.0.0+15", "ref=pr-migrate");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ mode: "cold", verdict: "passed" });
    const left = await execa("docker", ["volume", "ls", "-q", "--filter", "name=cold-"]);
    expect(left.stdout.split("\n").filter((v) => v.includes(env.config.ciDomain.replace(/\./g, "_")))).toEqual([]);
  });
});
