// The overlay-heavy recipe (examples/recipes/overlays: 13 compose files, anchors, hex secret,
// golang-template config, timeout label, backupbot labels) through the real CLI on the real swarm,
// with Debian's Docker 20.10 client (/usr/bin/docker: no `stack config`, no `deploy --detach`),
// so cc-warm's own compose loader and the version checks do the work: cold run, promotion (the
// first green cold seeds the canonical), quick FAIL with rollback, quick PASS.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { canonicalApp, snapshotVolumeRefs } from "../../lib/canonical/app.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { demoImage, ensureProxyNetwork } from "./deploy-helpers.ts";
import { removeCanonical, warmConfig } from "./helpers/warm.ts";

const DEBIAN_DOCKER = "/usr/bin/docker";
// Debian's client first on PATH for the CLI child processes (and docker calls in this file).
const OLD_CLIENT = { PATH: `/usr/bin:${process.env.PATH}` };
let env: ReturnType<typeof warmConfig>;

beforeAll(async () => {
  await Promise.all([ensureBuilt(), ensureProxyNetwork(), demoImage()]);
  const repo = join(mkdtempSync(join(tmpdir(), "ccw-overlays-")), "overlays");
  await execa("bash", [`${ROOT}examples/recipes/overlays/make-repo.sh`, repo]);
  env = warmConfig({ overlays: { source: repo, convergeTimeoutMinutes: 3 } });
}, 300_000);

afterAll(async () => {
  if (env) await removeCanonical(env.config, "overlays");
}, 300_000);

const cli = async (...args: string[]) => {
  const res = await startCli("node", [...args, "--json", "--config", env.configPath], OLD_CLIENT);
  const events = jsonLines(String(res.stdout));
  return { exitCode: res.exitCode, result: events.at(-1)!, events, stderr: String(res.stderr) };
};
const logs = (events: Record<string, unknown>[]) => events.filter((e) => e.type === "log").map((e) => String(e.message));

describe("overlays recipe on Debian's Docker 20.10 client", () => {
  it("the client on this PATH really is 20.10 (no stack config)", async () => {
    expect(existsSync(DEBIAN_DOCKER)).toBe(true);
    const v = await execa("docker", ["version", "--format", "{{.Client.Version}}"], { env: OLD_CLIENT });
    expect(v.stdout).toMatch(/^20\.10\./);
    const stack = await execa("docker", ["stack", "--help"], { env: OLD_CLIENT });
    expect(stack.stdout).toMatch(/\bdeploy\b/);
    expect(stack.stdout).not.toMatch(/\bconfig\b/);
  });

  it("cold v1 → v2 passes, honours the timeout label, leaves nothing behind", async () => {
    const { exitCode, result, events, stderr } = await cli("cold", "recipe=overlays", "from=v1", "ref=v2");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ mode: "cold", verdict: "passed", tasks: { teardown: "succeeded" } });
    // TIMEOUT=75 in .env.sample → label coop-cloud.<stack>.timeout=75 → the converge timeout.
    expect(logs(events).filter((m) => m.includes("waiting until converged"))).toEqual([expect.stringContaining("(timeout 75 s)"), expect.stringContaining("(timeout 75 s)")]);
  });

  it("promotion seeds the canonical; the MANIFEST has the backed-up volumes only", async () => {
    const { exitCode, result, stderr } = await cli("promote", "recipe=overlays", "verdict=green", "mode=cold");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ promotion: "promoted", promoted: true, seeded: true });
    const { manifest } = await readManifest(snapshotLayout(env.stateDir, "overlays").knownGood);
    // cache and logs carry backupbot.backup.volumes.<v>=false (map- and list-form labels in overlays).
    expect(manifest.volumes.map((v) => v.key).sort()).toEqual(["data", "uploads"]);
    expect((await verifySnapshot(env.stateDir, "overlays")).ok).toBe(true);
  });

  it("quick on `broken` fails and rolls the data back to the known-good", async () => {
    const before = await getCanonical(env.stateDir, "overlays");
    const { exitCode, result, stderr } = await cli("quick", "recipe=overlays", "ref=broken", "timeout=1");
    expect(exitCode, stderr).toBe(1);
    expect(result).toMatchObject({ mode: "quick", verdict: "failed", rolledBack: true, canonical: before!.knownGoodCommit });
    const app = canonicalApp("overlays", env.config);
    const volumes = await snapshotVolumeRefs(createDeployer(env.config), app);
    const live = await verifyVolumesAgainstManifest(volumes, { stateDir: env.stateDir, recipe: "overlays", stack: app.stack });
    expect(live.ok, JSON.stringify(live.mismatches.slice(0, 5))).toBe(true);
  });

  it("quick on v2 passes and leaves the known-good where it was", async () => {
    const before = await getCanonical(env.stateDir, "overlays");
    const { exitCode, result, stderr } = await cli("quick", "recipe=overlays", "ref=v2");
    expect(exitCode, stderr).toBe(0);
    expect(result).toMatchObject({ mode: "quick", verdict: "passed" });
    expect(await getCanonical(env.stateDir, "overlays")).toMatchObject({ knownGoodCommit: before!.knownGoodCommit, manifestDigest: before!.manifestDigest });
  });
});
