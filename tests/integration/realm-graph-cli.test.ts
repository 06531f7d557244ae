// realm-create / realm-delete / realms-reap through the real CLI (node dist/cli.js) against the
// real Keycloak process: credentials only in the final --json result line, a usable realm
// (password grant on its own token endpoint), idempotent delete, and the cold-codeploy fallback.
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeycloakAdmin } from "../../lib/keycloak/admin.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { infra, type Infra } from "./helpers/infra.ts";
import { jwtPayload, removeTestRealm, userToken } from "./keycloak-helpers.ts";

const PW_ENV = "CCW_TEST_REALM_KC_PW";
let kc: Infra;
let admin: KeycloakAdmin;
const made = new Set<string>();

function config(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ccw-test-realm-"));
  const path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify({
    stateDir: join(dir, "state"), ciDomain: `t${randomBytes(3).toString("hex")}.ccw.test`,
    keycloak: { url, adminUser: kc.keycloakAdminUser, adminPassword: { from: "env", name: PW_ENV } },
  }));
  return path;
}

async function cli(configPath: string, args: string[]) {
  const res = await startCli("node", [...args, "--json", "--config", configPath], { [PW_ENV]: kc.keycloakAdminPassword });
  const lines = jsonLines(String(res.stdout));
  return { code: res.exitCode, lines, result: lines.at(-1)!, events: lines.slice(0, -1), stderr: String(res.stderr), stdout: String(res.stdout) };
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

beforeAll(async () => {
  kc = await infra();
  admin = new KeycloakAdmin({ url: kc.keycloakUrl, username: kc.keycloakAdminUser, password: async () => kc.keycloakAdminPassword });
  await ensureBuilt();
});

afterAll(async () => {
  for (const r of made) await removeTestRealm(admin, r);
});

describe("realm graphs via the CLI on a real Keycloak", () => {
  it("realm-create hands back a working realm; secrets only in the result line; rerun and delete are idempotent", async () => {
    const cfg = config(kc.keycloakUrl);
    const run = `ccw-test-realm-${randomBytes(3).toString("hex")}`;
    const created = await cli(cfg, ["realm-create", "parent=ccw-test-app", `run=${run}`]);
    expect(created.code, created.stderr).toBe(0);
    const r = created.result as Record<string, string>;
    made.add(r.realm!);
    expect(r).toMatchObject({ type: "result", mode: "warm", verdict: "passed", clientId: "ccw-test-app", username: "ci-user" });
    expect(r.realm).toMatch(/^ccw-test-app-[0-9a-f]{6}$/);
    expect(r.issuer).toBe(`${kc.keycloakUrl}/realms/${r.realm}`);
    expect(r.clientSecret!.length).toBeGreaterThanOrEqual(16);
    expect(r.password!.length).toBeGreaterThanOrEqual(12);

    // Secrets: nowhere but the final result; the admin password nowhere at all.
    const elsewhere = created.events.map((e) => JSON.stringify(e)).join("\n") + created.stderr;
    expect(created.events.some((e) => e.type === "log" && String(e.message).includes(r.realm!))).toBe(true);
    for (const s of [r.clientSecret!, r.password!, kc.keycloakAdminPassword]) expect(elsewhere).not.toContain(s);
    expect(created.stdout).not.toContain(kc.keycloakAdminPassword);

    // Use it: the test user gets a token from the realm's own token endpoint.
    const token = await userToken({ issuer: r.issuer!, clientId: r.clientId!, clientSecret: r.clientSecret!, username: r.username!, password: r.password! });
    expect(token.status).toBe(200);
    expect(jwtPayload(token.accessToken!).iss).toBe(r.issuer);

    // A re-run (the orchestrator retried) returns the same realm, still usable.
    const again = await cli(cfg, ["realm-create", "parent=ccw-test-app", `run=${run}`]);
    expect(again.code, again.stderr).toBe(0);
    const r2 = again.result as Record<string, string>;
    expect(r2.realm).toBe(r.realm);
    expect((await userToken({ issuer: r2.issuer!, clientId: r2.clientId!, clientSecret: r2.clientSecret!, username: r2.username!, password: r2.password! })).status).toBe(200);

    const del = await cli(cfg, ["realm-delete", `realm=${r.realm}`]);
    expect(del.code, del.stderr).toBe(0);
    expect(del.result).toMatchObject({ verdict: "passed", realm: r.realm, deleted: true });
    expect((await admin.request("GET", `/admin/realms/${r.realm}`, { accept: [404] })).status).toBe(404);
    const del2 = await cli(cfg, ["realm-delete", `realm=${r.realm}`]);
    expect(del2.code, del2.stderr).toBe(0);
    expect(del2.result).toMatchObject({ realm: r.realm, deleted: false });

    const master = await cli(cfg, ["realm-delete", "realm=master"]);
    expect(master.code).toBe(2);
    expect(master.stderr).toMatch(/refusing to delete "master"/);
  });

  it("realms-reap dry-run lists a stale realm of a gone run and deletes nothing", async () => {
    const cfg = config(kc.keycloakUrl);
    const created = await cli(cfg, ["realm-create", "parent=ccw-test-reap", `run=ccw-test-realm-${randomBytes(3).toString("hex")}`]);
    expect(created.code, created.stderr).toBe(0);
    const realm = String(created.result.realm);
    made.add(realm);
    await new Promise((r) => setTimeout(r, 1_500));
    // dry run only: a real reap with a tiny grace on the shared Keycloak would take other tests' realms.
    const reap = await cli(cfg, ["realms-reap", "dry-run=true", "grace-minutes=0.01"]);
    expect(reap.code, reap.stderr).toBe(0);
    expect(reap.result).toMatchObject({ verdict: "passed", dryRun: true, deleted: [] });
    expect(reap.result.wouldDelete).toContain(realm);
    expect((await admin.request("GET", `/admin/realms/${realm}`, { accept: [404] })).status).toBe(200);
    const strict = await cli(cfg, ["realms-reap", "dry-run=true"]);
    expect(strict.result.wouldDelete).not.toContain(realm); // within the configured 120-minute grace
  });

  it("with no warm Keycloak reachable, realm-create says cold-codeploy, exit 4, and does nothing", async () => {
    const cfg = config(`http://127.0.0.1:${await closedPort()}`);
    const res = await cli(cfg, ["realm-create", "parent=ccw-test-app", "run=ccw-test-realm-down"]);
    expect(res.code).toBe(4);
    expect(res.lines).toHaveLength(1);
    expect(res.result).toMatchObject({ type: "result", mode: "cold-codeploy", verdict: "fallback", exitCode: 4 });
    expect(res.stdout + res.stderr).not.toContain(kc.keycloakAdminPassword);
  });

  it("bad parameters are refused before anything happens (exit 2, the key named)", async () => {
    const cfg = config(kc.keycloakUrl);
    const res = await cli(cfg, ["realm-create", "parent=Bad_Name", "run=x"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/parent:/);
  });
});
