// The health-gated reconciler on the real swarm with the real Keycloak image, walked in order
// (each Keycloak boot is slow): fresh 1.0.0 → rerun is a no-op → a realm is created → upgrade
// to latest 1.1.0 (healthy, committed) → 2.0.0 held (major) → 1.3.0 held (manual migration)
// → broken 1.2.0 rolled back with the data restored (the realm survives) → realms reaped.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAlerts } from "../../lib/alerts/list.ts";
import { removeGeneratedSecrets } from "../../lib/deploy/secrets.ts";
import { KeycloakAdmin } from "../../lib/keycloak/admin.ts";
import { resolvePassword } from "../../lib/keycloak/password.ts";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { removeStack, removeVolumes, uniqueName } from "./helpers/infra.ts";
import { userToken } from "./keycloak-helpers.ts";

const OVERLAY = `version: "3.8"
services:
  app:
    ports:
      - target: 8080
        published: \${KC_TEST_PORT}
        protocol: tcp
        mode: host
`;
const V = { v100: "1.0.0+26.5.6", v110: "1.1.0+26.5.6", v120: "1.2.0+26.5.6", v130: "1.3.0+26.5.6", v200: "2.0.0+26.5.6" };
const PARKED = [V.v120, V.v130, V.v200];

const name = uniqueName("reconcile");
const domain = `${name}.ccw.test`;
const stack = `${name}_ccw_test`;
let base: string, repo: string, stateDir: string, configPath: string, url: string;
let realm: string | undefined;

const git = (...args: string[]) => execa("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", ...args]);
const unpark = (tag: string) => git("update-ref", `refs/tags/${tag}`, `refs/parked/${tag}`);

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function cli(args: string[]) {
  const res = await startCli("node", [...args, "--json", "--config", configPath]);
  const lines = jsonLines(String(res.stdout));
  return { code: res.exitCode, result: lines.at(-1) as Record<string, any>, events: lines.slice(0, -1), stdout: String(res.stdout), stderr: String(res.stderr) };
}

async function serviceIndex(): Promise<string> {
  return (await execa("docker", ["service", "inspect", `${stack}_app`, "--format", "{{.Version.Index}} {{.UpdatedAt}}"])).stdout.trim();
}
async function serviceVersionLabel(): Promise<string> {
  return (await execa("docker", ["service", "inspect", `${stack}_app`, "--format", `{{index .Spec.Labels "coop-cloud.${stack}.version"}}`])).stdout.trim();
}
const lastGood = () => JSON.parse(readFileSync(join(stateDir, "infra", "keycloak.json"), "utf8")) as { version: string; commit: string };
const admin = () => new KeycloakAdmin({ url, password: () => resolvePassword({ from: "docker-secret", path: "/run/secrets/admin_password" }, { stack }) });
const realmStatus = async (r: string) => (await admin().request("GET", `/admin/realms/${r}`, { accept: [404] })).status;

beforeAll(async () => {
  await ensureBuilt();
  base = mkdtempSync(join(tmpdir(), "ccw-test-reconcile-"));
  repo = join(base, "keycloak");
  await execa("bash", [`${ROOT}examples/recipes/keycloak/make-repo.sh`, repo]);
  // Test-only: each release gets an overlay publishing Keycloak's port on the host, so the
  // health check and the admin API reach the swarm service (production goes through traefik).
  for (const tag of Object.values(V)) {
    await git("checkout", "-q", "--detach", tag);
    writeFileSync(join(repo, "compose.test-port.yml"), OVERLAY);
    await git("add", "compose.test-port.yml");
    await git("commit", "-q", "-m", `test overlay for ${tag}`);
    await git("tag", "-f", tag);
  }
  await git("checkout", "-q", "main");
  // "Latest" is the highest tag: park the later releases until a step presents them.
  for (const tag of PARKED) {
    await git("update-ref", `refs/parked/${tag}`, `refs/tags/${tag}`);
    await git("tag", "-d", tag);
  }
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  stateDir = join(base, "state");
  // The app env (as `abra app config` would leave it): the overlay selected, the port set.
  await mkdir(join(stateDir, "apps"), { recursive: true });
  const sample = readFileSync(join(repo, ".env.sample"), "utf8").replace(/^DOMAIN=.*$/m, `DOMAIN=${domain}`);
  writeFileSync(join(stateDir, "apps", `${domain}.env`), `${sample}\nCOMPOSE_FILE="compose.yml:compose.test-port.yml"\nKC_TEST_PORT=${port}\n`);
  configPath = join(base, "config.json");
  writeFileSync(configPath, JSON.stringify({
    stateDir, ciDomain: "ccw.test",
    keycloak: { domain, url, adminPassword: { from: "docker-secret" } },
    infra: { keycloak: { source: repo, stateful: true, convergeTimeoutMinutes: 4 } },
  }, null, 2));
});

afterAll(async () => {
  await removeStack(stack).catch((e) => console.error(e));
  await removeVolumes(`${stack}_`).catch((e) => console.error(e));
  await removeGeneratedSecrets(stack).catch((e) => console.error(e));
});

describe.sequential("reconcile app=keycloak on the real swarm", () => {
  it("re-warms from nothing: deploys 1.0.0, healthy, records last-good; the admin secret is generated", async () => {
    const res = await cli(["reconcile", "app=keycloak", `version=${V.v100}`]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.result).toMatchObject({ verdict: "reconciled", action: "fresh", from: null, to: V.v100, lastGood: V.v100, rolledBack: false });
    expect(lastGood().version).toBe(V.v100);
    expect((await fetch(`${url}/realms/master`)).status).toBe(200);
    expect(await serviceVersionLabel()).toBe(V.v100);
  }, 600_000);

  it("run again at the same release: changes nothing (no service update, record untouched)", async () => {
    const [before, mtime] = [await serviceIndex(), statSync(join(stateDir, "infra", "keycloak.json")).mtimeMs];
    const res = await cli(["reconcile", "app=keycloak", `version=${V.v100}`]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.result).toMatchObject({ verdict: "unchanged", action: "unchanged", lastGood: V.v100 });
    expect(await serviceIndex()).toBe(before);
    expect(statSync(join(stateDir, "infra", "keycloak.json")).mtimeMs).toBe(mtime);
  }, 300_000);

  it("realm-create on the warm Keycloak (admin password read from the container's secret, never printed)", async () => {
    const res = await cli(["realm-create", "parent=ccw-test-app", `run=${name}-dep`]);
    expect(res.code, res.stderr).toBe(0);
    realm = res.result.realm;
    expect(realm).toMatch(/^ccw-test-app-[0-9a-f]{6}$/);
    const pw = await resolvePassword({ from: "docker-secret", path: "/run/secrets/admin_password" }, { stack });
    expect(res.stdout + res.stderr).not.toContain(pw);
    const hidden = res.events.map((e) => JSON.stringify(e)).join("\n") + res.stderr;
    for (const s of [res.result.clientSecret, res.result.password]) expect(hidden).not.toContain(s);
    const token = await userToken({ issuer: res.result.issuer, clientId: res.result.clientId, clientSecret: res.result.clientSecret, username: res.result.username, password: res.result.password });
    expect(token.status).toBe(200);
  }, 300_000);

  it("upgrades to the latest release (1.1.0) with a snapshot first; healthy → last-good moves; the realm is kept", async () => {
    const res = await cli(["reconcile", "app=keycloak"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.result).toMatchObject({ verdict: "reconciled", action: "upgrade", from: V.v100, to: V.v110, lastGood: V.v110 });
    expect(lastGood().version).toBe(V.v110);
    expect(existsSync(join(stateDir, "infra-keycloak", "known-good", "MANIFEST"))).toBe(true);
    expect(await serviceVersionLabel()).toBe(V.v110);
    expect(await realmStatus(realm!)).toBe(200);
  }, 600_000);

  it("holds a major bump (latest 2.0.0): alert with the notes, nothing deployed", async () => {
    await unpark(V.v200);
    const before = await serviceIndex();
    const alertsBefore = (await listAlerts(stateDir)).length;
    const res = await cli(["reconcile", "app=keycloak"]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.result).toMatchObject({ verdict: "held", action: "hold", from: V.v110, to: V.v200, rolledBack: false });
    expect(res.result.reasons.join()).toMatch(/major version change 1 → 2/);
    expect(res.result.tasks).toMatchObject({ snapshot: "succeeded", deploy: "succeeded", rollback: "skipped" });
    expect(await serviceIndex()).toBe(before);
    expect(lastGood().version).toBe(V.v110);
    const alerts = await listAlerts(stateDir);
    expect(alerts).toHaveLength(alertsBefore + 1);
    expect(alerts.at(-1)).toMatchObject({ id: res.result.alertId, app: "keycloak" });
    expect(alerts.at(-1)!.notes).toMatch(/Major release: the default log level changes/);
  }, 300_000);

  it("holds a release whose notes flag a manual migration (1.3.0), and a dry run plans without acting", async () => {
    await unpark(V.v130);
    const before = await serviceIndex();
    const res = await cli(["reconcile", "app=keycloak", `version=${V.v130}`]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.result).toMatchObject({ verdict: "held", action: "hold", to: V.v130 });
    expect(res.result.reasons.join()).toMatch(/manual migration: 1\.3\.0\+26\.5\.6/);
    expect((await listAlerts(stateDir)).at(-1)!.notes).toMatch(/manual-migration: true/);

    await unpark(V.v120);
    const dry = await cli(["reconcile", "app=keycloak", `version=${V.v120}`, "dry-run=true"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.result).toMatchObject({ verdict: "planned", action: "upgrade", from: V.v110, to: V.v120, dryRun: true });
    expect(await serviceIndex()).toBe(before);
    expect(lastGood().version).toBe(V.v110);
  }, 300_000);

  it("a broken release (1.2.0, never healthy) is rolled back: data restored, 1.1.0 healthy, realm still there, alert", async () => {
    const res = await cli(["reconcile", "app=keycloak", `version=${V.v120}`]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.result).toMatchObject({ verdict: "rolled-back", rolledBack: true, dataRestored: true, from: V.v110, to: V.v120, lastGood: V.v110 });
    expect(lastGood().version).toBe(V.v110);
    expect(await serviceVersionLabel()).toBe(V.v110);
    expect((await fetch(`${url}/realms/master`)).status).toBe(200);
    expect(await realmStatus(realm!)).toBe(200);
    const alert = (await listAlerts(stateDir)).find((a) => a.id === res.result.alertId);
    expect(alert?.what).toMatch(/rolled back/);
  }, 600_000);

  it("realms-reap on the warm Keycloak deletes the gone run's realm; realm-delete afterwards is a no-op", async () => {
    const reap = await cli(["realms-reap", "grace-minutes=0.001"]);
    expect(reap.code, reap.stderr).toBe(0);
    expect(reap.result.deleted).toEqual([realm]);
    expect(await realmStatus(realm!)).toBe(404);
    const del = await cli(["realm-delete", `realm=${realm}`]);
    expect(del.code, del.stderr).toBe(0);
    expect(del.result).toMatchObject({ deleted: false });
  }, 300_000);
});
