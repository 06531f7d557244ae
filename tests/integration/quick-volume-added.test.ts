// Issue 12, reproduction 2 on the real swarm: a PR that adds a named volume must not wedge the
// canonical. The MANIFEST (not a compose file at whatever ref is checked out) says which volumes
// a restore touches: the PR's volume is removed on rollback, the backup-excluded cache is kept.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { canonicalApp, snapshotVolumeRefs } from "../../lib/canonical/app.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

const RECIPE = "ccwvoladd";
let env: ReturnType<typeof warmConfig>;

/** Branch `from`, add a named volume `extra` mounted at /extra, commit and tag `tag`. */
async function tagWithExtraVolume(repo: string, from: string, tag: string): Promise<void> {
  const g = (...a: string[]) => execa("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", ...a]);
  await g("checkout", "-q", "-B", `pr-${tag}`, from);
  const file = join(repo, "compose.yml");
  const text = readFileSync(file, "utf8")
    .replace("      - data:/data\n", "      - data:/data\n      - extra:/extra\n")
    .replace("volumes:\n  data:\n", "volumes:\n  data:\n  extra:\n");
  expect(text).toContain("extra:/extra");
  await execa("bash", ["-c", `cat > "$1"`, "_", file], { input: text });
  await g("commit", "-q", "-am", `add a volume (${tag})`);
  await g("tag", tag);
  await g("checkout", "-q", "main");
}

beforeAll(async () => {
  await ensureBuilt();
  const repo = await makeDemoRepo();
  await tagWithExtraVolume(repo, "v2", "vol-pass");
  await tagWithExtraVolume(repo, "broken", "vol-fail");
  env = warmConfig({ [RECIPE]: { source: repo, convergeTimeoutMinutes: 1 } });
  await seedCanonical(env.config, RECIPE, "v1");
}, 300_000);

afterAll(async () => {
  if (env) await removeCanonical(env.config, RECIPE);
}, 300_000);

const quick = async (ref: string) => {
  const res = await startCli("node", ["quick", `recipe=${RECIPE}`, `ref=${ref}`, "--json", "--config", env.configPath]);
  return { ...res, result: jsonLines(res.stdout).at(-1)! };
};
const stackVolumes = async (stack: string) =>
  (await execa("docker", ["volume", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`])).stdout.split("\n").filter(Boolean).sort();

describe("a PR that adds a named volume (quick lane)", () => {
  it("the known-good MANIFEST records the backup-excluded cache volume", async () => {
    const { manifest } = await readManifest(snapshotLayout(env.stateDir, RECIPE).knownGood);
    expect(manifest.volumes.map((v) => v.key)).toEqual(["data"]);
    expect(manifest.excluded).toEqual(["cache"]);
  });

  it("passes, then a failing PR that also adds it exits 1 with the data restored, then the next run exits 0", async () => {
    const app = canonicalApp(RECIPE, env.config);
    const pass = await quick("vol-pass");
    expect(pass.exitCode, pass.stderr).toBe(0);
    expect(await stackVolumes(app.stack)).toContain(`${app.stack}_extra`);

    const fail = await quick("vol-fail");
    expect(fail.exitCode, `${fail.stderr}\n${JSON.stringify(fail.result)}`).toBe(1);
    expect(fail.result).toMatchObject({ mode: "quick", verdict: "failed", rolledBack: true, restoredFirst: true });
    // The PR's volume is gone, the excluded cache is kept, and the data is the known-good's.
    expect(await stackVolumes(app.stack)).toEqual([`${app.stack}_cache`, `${app.stack}_data`]);
    const live = await verifyVolumesAgainstManifest(await snapshotVolumeRefs(createDeployer(env.config), app), { stateDir: env.stateDir, recipe: RECIPE, stack: app.stack });
    expect(live.ok, JSON.stringify(live.mismatches.slice(0, 5))).toBe(true);
    expect(await getCanonical(env.stateDir, RECIPE)).toMatchObject({ dirty: false, lastQuickVerdict: "fail" });
    const logs = jsonLines(fail.stdout).filter((e) => e.type === "log").map((e) => String(e.message));
    expect(logs.some((m) => m.includes("removed volume(s) the known-good does not hold") && m.includes(`${app.stack}_extra`))).toBe(true);

    const next = await quick("v2");
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.result).toMatchObject({ verdict: "passed", restoredFirst: false });
  });
});
