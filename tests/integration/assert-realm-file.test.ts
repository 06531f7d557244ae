// cc-ci's SSO test tiers read the run's realm credentials from a 0600 file named by
// CC_WARM_REALM_FILE: a real quick run of an SSO recipe (demo recipe, the loopback Keycloak, the
// real swarm) whose assert program inspects the file, echoes the secrets and fails. The file is
// gone afterwards, and the secrets it echoed appear nowhere in cc-warm's stdout or stderr.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keycloakHealthy } from "../../lib/keycloak/health.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

const CACHE = process.env.CCW_CACHE ?? "/var/cache/cc-warm";
const KEYCLOAK = "http://127.0.0.1:18080";
const RECIPE = "ccwrealmfile";
let env: ReturnType<typeof warmConfig>;
let work: string;

beforeAll(async () => {
  await ensureBuilt();
  if (!(await keycloakHealthy(KEYCLOAK, { timeoutMs: 10_000 }))) throw new Error(`the loopback Keycloak is not up at ${KEYCLOAK} (scripts/infra)`);
  const repo = await makeDemoRepo();
  env = warmConfig(
    { [RECIPE]: { source: repo, convergeTimeoutMinutes: 3, sso: {} } },
    { keycloak: { url: KEYCLOAK, adminPassword: { from: "file", path: join(CACHE, "keycloak-process", "admin-password") } } },
  );
  work = join(env.stateDir, "..");
  await seedCanonical(env.config, RECIPE, "v1");
}, 300_000);

afterAll(async () => {
  await removeCanonical(env.config, RECIPE);
}, 300_000);

describe("the realm credentials file for assert programs", () => {
  it("is 0600, carries client id, secret, issuer, user and password, is deleted after, and its secrets stay masked", async () => {
    const seen = join(work, "seen");
    const assert = join(work, "assert.sh");
    writeFileSync(assert, `#!/bin/sh
set -e
printf '%s\\n' "$CC_WARM_REALM_FILE" > ${seen}.path
stat -c %a "$CC_WARM_REALM_FILE" > ${seen}.mode
cp "$CC_WARM_REALM_FILE" ${seen}.json
cat "$CC_WARM_REALM_FILE"
echo "failing on purpose" >&2
exit 1
`);
    chmodSync(assert, 0o755);
    const res = await startCli("node", ["quick", `recipe=${RECIPE}`, "ref=v2", `assert=${assert}`, "--json", "--config", env.configPath]);
    const result = jsonLines(res.stdout).at(-1)!;
    expect(res.exitCode, res.stderr).toBe(1);
    expect(result).toMatchObject({ mode: "quick", verdict: "failed", rolledBack: true, tasks: { realm: "succeeded", assert: "failed", "delete-realm": "succeeded" } });
    expect(readFileSync(`${seen}.mode`, "utf8").trim()).toBe("600");
    const creds = JSON.parse(readFileSync(`${seen}.json`, "utf8"));
    expect(Object.keys(creds).sort()).toEqual(["clientId", "clientSecret", "issuer", "password", "realm", "username"]);
    expect(creds.issuer).toBe(`${KEYCLOAK}/realms/${creds.realm}`);
    expect(creds.clientSecret.length).toBeGreaterThanOrEqual(16);
    const path = readFileSync(`${seen}.path`, "utf8").trim();
    expect(existsSync(path)).toBe(false);
    expect(statSync(join(path, "..", "..")).isDirectory()).toBe(true);
    // The program printed both secrets; cc-warm quoted its output in the failure reason, masked.
    expect(String(result.reason)).toContain("failing on purpose");
    for (const secret of [creds.clientSecret, creds.password]) {
      expect(res.stdout).not.toContain(secret);
      expect(res.stderr).not.toContain(secret);
    }
  });
});
