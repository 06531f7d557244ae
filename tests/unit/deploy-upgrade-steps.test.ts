import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeUpgradeSteps, missingSampleEnv, secretShortNames, secretsOfAddedKeys, upgradeAppEnv, withSampleEnv } from "../../lib/deploy/upgrade-steps.ts";

const APP = `TYPE=demo\nDOMAIN=warm-demo.ci.local\nCOMPOSE_FILE="compose.yml"\n#SMTP_HOST=mail\nSECRET_DB_PASSWORD_VERSION=v2 # length=32\n`;
const SAMPLE = [
  "TYPE=demo",
  "DOMAIN=demo.example.com",
  'COMPOSE_FILE="compose.yml"',
  'COMPOSE_FILE="$COMPOSE_FILE:compose.x.yml"',
  "SECRET_DB_PASSWORD_VERSION=v1 # length=32",
  "SECRET_API_KEY_VERSION=v1 # length=64 charset=hex",
  "#COMMENTED=1",
  "SMTP_HOST=smtp.example.com",
  'export GREETING="hello',
  'world"',
  "LIMIT=5",
  "",
].join("\n");

describe("upgrade steps: the ref's new .env.sample keys", () => {
  it("adds only keys the app env has neither set nor commented out, lines and comments as in the sample", () => {
    const m = missingSampleEnv(APP, SAMPLE);
    expect(m.keys).toEqual(["SECRET_API_KEY_VERSION", "GREETING", "LIMIT"]);
    expect(m.text).toBe('SECRET_API_KEY_VERSION=v1 # length=64 charset=hex\nexport GREETING="hello\nworld"\nLIMIT=5\n');
  });

  it("never changes a value already in the app env; appends under a comment naming the ref", () => {
    const { keys, text } = withSampleEnv(APP, SAMPLE, "v3");
    expect(keys).toHaveLength(3);
    expect(text.startsWith(APP)).toBe(true);
    expect(text).toContain("# Added from v3's .env.sample by cc-warm's upgrade");
    expect(text).toContain("SECRET_DB_PASSWORD_VERSION=v2 # length=32");
    expect(withSampleEnv(APP, APP, "v1")).toEqual({ keys: [], text: APP });
    expect(withSampleEnv("A=1", "B=2\n", "r").text).toBe("A=1\n\n# Added from r's .env.sample by cc-warm's upgrade (as an operator would)\nB=2\n");
  });

  it("writes the env file atomically only when asked (mode 0600), and nothing for an empty sample", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccw-upgrade-"));
    const env = join(dir, "app.env");
    writeFileSync(env, APP);
    const dry = await upgradeAppEnv(env, SAMPLE, { ref: "v3", persist: false });
    expect(dry.keys).toHaveLength(3);
    expect(readFileSync(env, "utf8")).toBe(APP);
    await upgradeAppEnv(env, SAMPLE, { ref: "v3", persist: true });
    expect(readFileSync(env, "utf8")).toBe(dry.text);
    expect(statSync(env).mode & 0o777).toBe(0o600);
    expect((await upgradeAppEnv(env, "", { ref: "v3", persist: true })).keys).toEqual([]);
  });

  it("names secrets without the stack prefix and summarises the steps for people", () => {
    expect(secretShortNames(["st_api_key_v1", "other"], "st")).toEqual(["api_key_v1", "other"]);
    expect(secretsOfAddedKeys(["SECRET_API_KEY_VERSION", "GREETING"], { SECRET_API_KEY_VERSION: "v2" })).toEqual(["api_key_v2"]);
    expect(describeUpgradeSteps({ addedEnv: ["SECRET_API_KEY_VERSION"], generatedSecrets: ["api_key_v1"] })).toBe("upgrade steps: added env SECRET_API_KEY_VERSION; generated secrets api_key_v1");
    expect(describeUpgradeSteps({ addedEnv: [], generatedSecrets: [] })).toBe("");
    expect(describeUpgradeSteps(undefined)).toBe("");
  });
});
