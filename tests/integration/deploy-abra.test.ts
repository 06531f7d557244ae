// The abra deployer against the stand-in abra (tests/fixtures/abra-standin/abra), which records
// every call and deploys on the real swarm underneath.
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InfraError } from "../../lib/errors.ts";
import { AbraDeployer, createDeployer, stackLeftovers, waitStackGone, stackNameFromDomain, type AppRef } from "../../lib/deploy/mod.ts";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { cleanupStack, demoImage, ensureProxyNetwork, makeDemoRepo, uniqueName } from "./deploy-helpers.ts";

const STANDIN = resolve("tests/fixtures/abra-standin/abra");
let image = "";
let root = "";
let repo = "";
let app: AppRef;
const log = () => join(root, "abra-calls.jsonl");
const calls = async () => (await readFile(log(), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { argv: string[]; abraDir: string });

beforeAll(async () => {
  image = await demoImage();
  await ensureProxyNetwork();
  ({ root, repo } = await makeDemoRepo());
  const domain = `${uniqueName()}.ci.local`;
  app = { recipe: "demo", domain, stack: stackNameFromDomain(domain), recipeDir: repo };
  process.env.CCW_ABRA_STANDIN_LOG = log();
});

afterAll(async () => {
  delete process.env.CCW_ABRA_STANDIN_LOG;
  if (app) await cleanupStack(app.stack);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("AbraDeployer (against the stand-in abra)", () => {
  it("issues the documented abra commands with a per-run ABRA_DIR and drives a real deploy", async () => {
    const abraDir = join(root, "run-1", "abra");
    const d = createDeployer({ stateDir: root, deployer: { kind: "abra", server: "default", abraBin: STANDIN } }, { abraDir });
    expect(d).toBeInstanceOf(AbraDeployer);
    const env = { DEMO_IMAGE: image };

    await d.deploy(app, "v1", { env });
    await d.waitConverged(app, { timeoutMs: 120_000 });
    expect((await d.exec(app, "app", ["cat", "/data/schema"])).stdout).toBe("1");
    const vols = await d.volumes(app);
    expect(vols.map((v) => [v.name, v.excluded])).toEqual([["cache", true], ["data", false]]);

    const r = await d.upgrade(app, "v2", { env, chaos: true });
    expect(r.commit).toBe((await runCommandOrThrow("git", ["-C", repo, "rev-parse", "v2^{commit}"])).stdout.trim());
    await d.waitConverged(app, { timeoutMs: 120_000 });
    expect((await d.exec(app, "app", ["cat", "/data/schema"])).stdout).toBe("2");

    await d.undeploy(app);
    // Undeploy returns once no service or container is left (volumes are safe); Swarm drops the
    // network shortly after, and the next deploy waits for that.
    expect(await stackLeftovers(app.stack)).toMatchObject({ services: 0, containers: 0 });
    await waitStackGone(app.stack, { timeoutMs: 60_000 });

    const seen = await calls();
    expect(seen.map((c) => c.argv)).toEqual([
      ["app", "new", "demo", `--domain=${app.domain}`, "--server=default", "--secrets", "--no-input"],
      ["app", "deploy", app.domain, "v1", "--no-domain-checks", "--no-converge-checks", "--no-input"],
      ["app", "deploy", app.domain, "--chaos", "--no-domain-checks", "--no-converge-checks", "--no-input", "--force"],
      ["app", "undeploy", app.domain, "--no-input"],
    ]);
    expect(new Set(seen.map((c) => c.abraDir))).toEqual(new Set([abraDir]));
    // abra's own app env, created by `app new`.
    expect(await readFile(join(abraDir, "servers", "default", `${app.domain}.env`), "utf8")).toMatch(new RegExp(`^DOMAIN=${app.domain}$`, "m"));
  });

  it("reports abra's fatal error, which abra prints on stdout", async () => {
    const d = new AbraDeployer({ abraDir: join(root, "run-2", "abra"), server: "default", abraBin: STANDIN });
    const err = await d.deploy(app, "no-such-version").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/abra app deploy failed: .*FATA unable to check out no-such-version/s);
  });
});
