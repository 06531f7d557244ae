// Secrets at the CLI level: real processes against the loopback Keycloak (127.0.0.1:18080) and
// the real swarm. With the admin password given by env and by file, every graph that can touch
// it runs — including provoked failures (wrong password, unreachable Keycloak, a quick run whose
// deploy fails after it adopted a realm) — and no stdout line, stderr text or error message
// carries the admin password, the realm's client secret or the test user's password. The one
// exception is realm-create's final result line, which must hand the credentials to the caller.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateCanonical } from "../../lib/canonical/registry.ts";
import { keycloakHealthy } from "../../lib/keycloak/health.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";

const CACHE = process.env.CCW_CACHE ?? "/var/cache/cc-warm";
const PW_FILE = join(CACHE, "keycloak-process", "admin-password");
const URL_OK = "http://127.0.0.1:18080";
const HEX = randomBytes(3).toString("hex");
const R = `ccwsec${HEX}`;
const CI = `${HEX}.test`;
const WRONG = `wrong-${randomBytes(12).toString("hex")}`;
let work: string;
let stateDir: string;
let password: string;
let realm: string | undefined;
const secrets = { clientSecret: "", userPassword: "" };

interface Run { name: string; exitCode: number; stdout: string; stderr: string; allowedLast: boolean }
const runs: Run[] = [];

async function writeConfig(name: string, keycloak: object): Promise<string> {
  const path = join(work, `${name}.json`);
  await writeFile(path, JSON.stringify({
    stateDir, ciDomain: CI, recipes: { [R]: { source: join(work, "no-such-recipe"), sso: {} } },
    keycloak: { adminUser: "admin", realmGraceMinutes: 100_000, ...keycloak },
  }));
  return path;
}
const configs = {} as Record<"env" | "file" | "wrong" | "unreachable", string>;

/** Run the CLI, keep its output for the leak check, and return it. */
async function cli(name: string, args: string[], config: string, options: { env?: Record<string, string>; allowedLast?: boolean } = {}): Promise<Run> {
  const res = await startCli("node", [...args, "--json", "--config", config], { CC_WARM_KEYCLOAK_ADMIN_PASSWORD: password, ...options.env });
  const run = { name, exitCode: res.exitCode ?? -1, stdout: res.stdout, stderr: res.stderr, allowedLast: options.allowedLast ?? false };
  runs.push(run);
  jsonLines(res.stdout); // stdout is JSON Lines only
  return run;
}
const last = (r: Run) => jsonLines(r.stdout).at(-1)!;

beforeAll(async () => {
  await ensureBuilt();
  if (!(await keycloakHealthy(URL_OK, { timeoutMs: 10_000 }))) throw new Error(`the loopback Keycloak is not up at ${URL_OK} (scripts/infra)`);
  password = (await readFile(PW_FILE, "utf8")).replace(/\r?\n$/, "");
  expect(password.length).toBeGreaterThanOrEqual(8);
  work = await mkdtemp(join(tmpdir(), `ccw-test-secrets-${HEX}-`));
  stateDir = join(work, "state");
  await mkdir(stateDir);
  // A canonical whose recipe cannot be deployed: quick adopts the realm, then fails and rolls back.
  await updateCanonical(stateDir, R, { knownGoodCommit: "0123456789abcdef", manifestDigest: "ab".repeat(32), promotedAt: new Date().toISOString() });
  configs.env = await writeConfig("env", { url: URL_OK, adminPassword: { from: "env" } });
  configs.file = await writeConfig("file", { url: URL_OK, adminPassword: { from: "file", path: PW_FILE } });
  configs.wrong = await writeConfig("wrong", { url: URL_OK, adminPassword: { from: "env", name: "CCW_TEST_WRONG_PW" } });
  configs.unreachable = await writeConfig("unreachable", { url: "http://127.0.0.1:9", adminPassword: { from: "env" } });
});

afterAll(async () => {
  if (realm) await startCli("node", ["realm-delete", `realm=${realm}`, "--config", configs.file]);
  await rm(work, { recursive: true, force: true });
});

describe("no secret leaks from any graph (real CLI, real Keycloak)", () => {
  it("realm-create hands the credentials over in its result line only", async () => {
    const r = await cli("realm-create", ["realm-create", `parent=${R}`, `run=warm-${R}.${CI}`], configs.env, { allowedLast: true });
    expect(r.exitCode, r.stderr).toBe(0);
    const res = last(r) as { realm: string; clientSecret: string; password: string };
    realm = res.realm;
    secrets.clientSecret = res.clientSecret;
    secrets.userPassword = res.password;
    expect(secrets.clientSecret.length).toBeGreaterThanOrEqual(16);
    expect(secrets.userPassword.length).toBeGreaterThanOrEqual(8);
  });

  it("quick adopts that realm (same client secret), fails to deploy, rolls back, deletes the realm", async () => {
    const r = await cli("quick", ["quick", `recipe=${R}`, "ref=v2"], configs.file);
    expect(r.exitCode, r.stderr).toBe(3);
    const tasks = last(r).tasks as Record<string, string>;
    expect(tasks).toMatchObject({ realm: "succeeded", reattach: "failed", "delete-realm": "succeeded" });
    // It adopted realm-create's realm (same name, same run marker): Keycloak handed it the same client secret.
    expect(jsonLines(r.stdout).some((e) => e.type === "log" && e.message === `realm ${realm} ready (client ${R})`)).toBe(true);
    // The realm is gone: realm-delete finds nothing to delete.
    const d = await cli("realm-delete (after quick)", ["realm-delete", `realm=${realm}`], configs.file);
    expect(d.exitCode, d.stderr).toBe(0);
    expect(last(d).deleted).toBe(false);
    realm = undefined;
  });

  it("status, prune dry run, selftest, realms-reap dry run, quick fallbacks", async () => {
    expect((await cli("status", ["status"], configs.env)).exitCode).toBe(0);
    expect((await cli("prune", ["prune", "dry-run=true", `scope=ccw-test-secrets-${HEX}`], configs.env)).exitCode).toBe(0);
    expect((await cli("selftest", ["selftest", "fail=work"], configs.env)).exitCode).toBe(3);
    expect((await cli("realms-reap", ["realms-reap", "dry-run=true"], configs.file)).exitCode).toBe(0);
    expect((await cli("quick not enrolled", ["quick", "recipe=notenrolled"], configs.env)).exitCode).toBe(4);
    expect((await cli("quick unreachable", ["quick", `recipe=${R}`], configs.unreachable)).exitCode).toBe(4);
  });

  it("provoked failures: wrong password, unreachable Keycloak", async () => {
    const env = { CCW_TEST_WRONG_PW: WRONG };
    const wrong = await cli("realm-create wrong pw", ["realm-create", `parent=${R}`, "run=ccw-sec-x"], configs.wrong, { env });
    expect(wrong.exitCode).toBe(3);
    expect(wrong.stderr).toMatch(/401|invalid|unauthori[sz]ed/i);
    expect((await cli("realm-delete wrong pw", ["realm-delete", `realm=${R}-abcdef`], configs.wrong, { env })).exitCode).toBe(3);
    expect((await cli("realms-reap wrong pw", ["realms-reap", "dry-run=true"], configs.wrong, { env })).exitCode).toBe(3);
    expect((await cli("realm-create unreachable", ["realm-create", `parent=${R}`, "run=ccw-sec-x"], configs.unreachable)).exitCode).toBe(4);
    expect((await cli("realms-reap unreachable", ["realms-reap", "dry-run=true"], configs.unreachable)).exitCode).toBe(3);
    expect((await cli("realm-delete unreachable", ["realm-delete", `realm=${R}-abcdef`], configs.unreachable)).exitCode).toBe(3);
  });

  it("no line anywhere carries a secret (except realm-create's result line, which carries no admin password)", () => {
    expect(secrets.clientSecret).not.toBe("");
    const values = { adminPassword: password, wrongPassword: WRONG, ...secrets };
    const forms = (v: string) => [...new Set([v, encodeURIComponent(v), Buffer.from(v).toString("base64"), JSON.stringify(v).slice(1, -1)])];
    const leaks: string[] = [];
    for (const r of runs) {
      const lines = r.stdout.split("\n").filter(Boolean);
      const checked = [...(r.allowedLast ? lines.slice(0, -1) : lines), ...r.stderr.split("\n")];
      for (const [what, v] of Object.entries(values)) {
        for (const f of forms(v)) for (const l of checked) if (l.includes(f)) leaks.push(`${r.name}: ${what} in ${JSON.stringify(l.slice(0, 200).replace(f, "<SECRET>"))}`);
      }
      if (r.allowedLast) {
        const final = lines.at(-1)!;
        for (const f of [...forms(password), ...forms(WRONG)]) if (final.includes(f)) leaks.push(`${r.name}: admin password in the result line`);
      }
    }
    expect(leaks).toEqual([]);
    // The detector sees secrets where they are allowed: realm-create's result line carries both.
    const handed = runs.find((r) => r.allowedLast)!.stdout.split("\n").filter(Boolean).at(-1)!;
    for (const v of Object.values(secrets)) expect(forms(v).some((f) => handed.includes(f))).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(15);
  });
});
