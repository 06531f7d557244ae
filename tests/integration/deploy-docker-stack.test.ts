// The docker-stack deployer against the real single-node swarm, with the demo recipe.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { ConvergeError, DockerStackDeployer, stackLeftovers, waitStackGone, type AppRef } from "../../lib/deploy/mod.ts";
import { cleanupStack, demoImage, ensureProxyNetwork, makeDemoRepo, uniqueName } from "./deploy-helpers.ts";

let image = "";
let root = "";
let repo = "";
const stacks: string[] = [];
const appFor = (name: string, recipeDir = repo): AppRef => {
  stacks.push(name);
  return { recipe: "demo", domain: `${name}.ci.local`, stack: name, recipeDir };
};
const secretId = async (name: string) => (await runCommandOrThrow("docker", ["secret", "inspect", "--format", "{{.ID}}", name])).stdout.trim();

beforeAll(async () => {
  image = await demoImage();
  await ensureProxyNetwork();
  ({ root, repo } = await makeDemoRepo());
});

afterAll(async () => {
  for (const s of stacks) await cleanupStack(s);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("DockerStackDeployer with the demo recipe", () => {
  it("deploys v1, upgrades to v2 with migrated data, fails clearly on broken, undeploys keeping volumes", async () => {
    const d = new DockerStackDeployer({ stateDir: join(root, "state"), workDir: join(root, "work") });
    const app = appFor(uniqueName());
    const env = { DEMO_IMAGE: image };

    let t = Date.now();
    const v1 = await d.deploy(app, "v1", { env });
    expect(v1.commit).toBe((await runCommandOrThrow("git", ["-C", repo, "rev-parse", "v1^{commit}"])).stdout.trim());
    expect(v1.secretsCreated).toEqual([`${app.stack}_demo_token_v1`]);
    expect(v1.specHash).toMatch(/^[0-9a-f]{64}$/);
    const c1 = await d.waitConverged(app, { timeoutMs: 120_000 });
    console.log(`[deploy] v1 deploy→healthy ${Date.now() - t} ms (converge wait ${c1.durationMs} ms)`);
    expect(c1.services).toEqual([{ name: `${app.stack}_app`, kind: "service", want: 1, ready: 1, detail: "" }]);
    expect(await d.isDeployed(app)).toBe(true);
    // The env file abra-style: from .env.sample with DOMAIN set; the per-run checkout is gone.
    const envText = await readFile(d.envFile(app), "utf8");
    expect(envText).toMatch(new RegExp(`^DOMAIN=${app.domain}$`, "m"));
    expect(envText).not.toMatch(/DEMO_IMAGE/);
    expect(existsSync(join(root, "work")) ? (await runCommandOrThrow("ls", [join(root, "work")])).stdout : "").toBe("");

    const vols = await d.volumes(app);
    expect(vols.map((v) => [v.name, v.excluded])).toEqual([["cache", true], ["data", false]]);
    const data = vols.find((v) => v.name === "data")!;
    expect(data.mountpoint).toBe((await runCommandOrThrow("docker", ["volume", "inspect", "--format", "{{.Mountpoint}}", `${app.stack}_data`])).stdout.trim());
    expect((await readFile(join(data.mountpoint, "schema"), "utf8")).trim()).toBe("1");
    expect((await runCommandOrThrow("ls", [join(data.mountpoint, "records")])).stdout.split("\n")).toHaveLength(200);
    const inApp = await d.exec(app, "app", ["sh", "-c", "cat /data/records/r7.txt; test -s /run/secrets/demo_token && wc -c < /run/secrets/demo_token"]);
    expect(inApp.stdout.split("\n")).toEqual(["id=7 name=record-7 value=49 v=1", "32"]);
    const digests = await d.imageDigests(app);
    expect(digests.app).toBe((await runCommandOrThrow("docker", ["image", "inspect", "--format", "{{.Id}}", image])).stdout.trim());
    const tokenId = await secretId(`${app.stack}_demo_token_v1`);

    t = Date.now();
    const v2 = await d.upgrade(app, "v2", { env });
    expect(v2.secretsCreated).toEqual([]);
    await d.waitConverged(app, { timeoutMs: 120_000 });
    console.log(`[deploy] v1→v2 upgrade→healthy ${Date.now() - t} ms`);
    expect((await readFile(join(data.mountpoint, "schema"), "utf8")).trim()).toBe("2");
    expect(await readFile(join(data.mountpoint, "records", "r7.txt"), "utf8")).toBe("id=7 name=record-7 value=49 v=2 migrated=yes\n");
    expect(await secretId(`${app.stack}_demo_token_v1`)).toBe(tokenId);

    t = Date.now();
    await d.upgrade(app, "broken", { env });
    const err = await d.waitConverged(app, { timeoutMs: 120_000 }).catch((e: unknown) => e);
    console.log(`[deploy] broken → converge failure after ${Date.now() - t} ms: ${(err as Error).message}`);
    expect(err).toBeInstanceOf(ConvergeError);
    expect((err as ConvergeError).message).toMatch(new RegExp(`service ${app.stack}_app: (update (paused|rollback_\\w+)|\\d+ tasks failed)`));
    expect((err as ConvergeError).report.converged).toBe(false);
    // The broken version damaged the data, as designed.
    expect(existsSync(join(data.mountpoint, "records", "r25.txt"))).toBe(false);

    t = Date.now();
    await d.undeploy(app);
    console.log(`[deploy] undeploy→gone ${Date.now() - t} ms`);
    // Undeploy returns once no service or container is left (volumes are safe); Swarm drops the
    // network shortly after, and the next deploy waits for that.
    expect(await stackLeftovers(app.stack)).toMatchObject({ services: 0, containers: 0 });
    await waitStackGone(app.stack, { timeoutMs: 60_000 });
    expect(await d.isDeployed(app)).toBe(false);
    // Volumes stay, and exclusions are still known while undeployed (from the recipe).
    expect((await d.volumes(app)).map((v) => [v.name, v.excluded])).toEqual([["cache", true], ["data", false]]);
    expect(existsSync(join(data.mountpoint, "schema"))).toBe(true);
  });

  it("reuses secrets and volumes across undeploy/redeploy, and passes extra env without writing it", async () => {
    const d = new DockerStackDeployer({ stateDir: join(root, "state2") });
    const app = appFor(uniqueName());
    await d.deploy(app, "v1", { env: { DEMO_IMAGE: image, SEED_SECONDS: "1", HEALTH_START_PERIOD: "10s" } });
    await d.waitConverged(app, { timeoutMs: 120_000 });
    const id = await secretId(`${app.stack}_demo_token_v1`);
    const seeded = (await d.exec(app, "app", ["cat", "/data/SEEDED"])).stdout;
    expect((await d.exec(app, "app", ["sh", "-c", "echo $SEED_SECONDS"])).stdout).toBe("1");
    await d.undeploy(app);
    const again = await d.deploy(app, "v1", { env: { DEMO_IMAGE: image } });
    expect(again.secretsCreated).toEqual([]);
    await d.waitConverged(app, { timeoutMs: 120_000 });
    expect(await secretId(`${app.stack}_demo_token_v1`)).toBe(id);
    // Same volume: not re-seeded.
    expect((await d.exec(app, "app", ["cat", "/data/SEEDED"])).stdout).toBe(seeded);
    expect(await readFile(d.envFile(app), "utf8")).not.toMatch(/SEED_SECONDS=1|HEALTH_START_PERIOD=10s/);
    await d.undeploy(app);
  });

  it("refuses a recipe whose data is in an anonymous volume, before deploying anything", async () => {
    const anon = join(root, "anon");
    await mkdir(anon, { recursive: true });
    await runCommandOrThrow("bash", ["-c", `cd ${anon} && git init -q -b main && printf 'TYPE=anon\\nDOMAIN=x\\n' > .env.sample && printf 'version: "3.8"\\nservices:\\n  db:\\n    image: ${image}\\n    volumes:\\n      - /var/lib/db\\n' > compose.yml && git add -A && git -c user.name=t -c user.email=t@t commit -qm anon`]);
    const d = new DockerStackDeployer({ stateDir: join(root, "state3") });
    const app = { ...appFor(uniqueName(), anon), recipe: "anon" };
    const err = await d.deploy(app, "main").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/anonymous volumes \(db:\/var\/lib\/db\)/);
    expect(await d.isDeployed(app)).toBe(false);
  });

  it("rejects an unknown ref and never touches the shared checkout", async () => {
    const d = new DockerStackDeployer({ stateDir: join(root, "state4") });
    const app = appFor(uniqueName());
    const before = (await runCommandOrThrow("git", ["-C", repo, "status", "--porcelain", "--branch"])).stdout;
    await expect(d.deploy(app, "v9")).rejects.toThrow(/ref: v9 is not a commit/);
    await writeFile(join(root, "marker"), "x");
    expect((await runCommandOrThrow("git", ["-C", repo, "status", "--porcelain", "--branch"])).stdout).toBe(before);
  });
});
