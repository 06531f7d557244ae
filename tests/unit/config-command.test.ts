// `cc-warm config check|schema` through runCli: the effective config with env overrides and
// secrets redacted, errors naming the field (exit 2), the Python lane refusal (exit 3), the schema.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config/load.ts";
import { runCli } from "../../lib/cli/main.ts";
import { redactConfig, REDACTED } from "../../lib/config/redact.ts";

const dir = mkdtempSync(join(tmpdir(), "ccw-config-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const cli = async (argv: string[], env: Record<string, string> = {}) => {
  const out = { stdout: "", stderr: "" };
  const code = await runCli(argv, [], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), env, isTTY: false });
  return { code, ...out };
};

describe("cc-warm config check", () => {
  it("prints the effective config after env overrides, with secrets in argv and URLs redacted", async () => {
    const path = file("good.json", {
      $schema: "./cc-warm.schema.json", stateDir: join(dir, "state"), ciDomain: "ci.example.org",
      keycloak: { url: "https://admin:hunter2hunter2@kc.example.org" },
      alerts: { notifyCommand: ["/bin/notify", "--token", "tok-abc123", "--api-key=key-xyz789", "--channel", "ci"] },
    });
    const res = await cli(["config", "check", "--config", path], { CC_WARM_MAX_TESTS: "5" });
    expect(res.code, res.stderr).toBe(0);
    const shown = JSON.parse(res.stdout);
    expect(shown).toMatchObject({ ciDomain: "ci.example.org", sweep: { maxTests: 5, schedule: "0 2 * * *" }, keycloak: { adminPassword: { from: "env", name: "CC_WARM_KEYCLOAK_ADMIN_PASSWORD" } } });
    expect(shown.keycloak.url).toBe(`https://${REDACTED}@kc.example.org`);
    expect(shown.alerts.notifyCommand).toEqual(["/bin/notify", "--token", REDACTED, `--api-key=${REDACTED}`, "--channel", "ci"]);
    for (const secret of ["hunter2hunter2", "tok-abc123", "key-xyz789"]) expect(res.stdout + res.stderr).not.toContain(secret);
    expect(res.stderr).toBe(`config OK: ${path}; env overrides: sweep.maxTests from CC_WARM_MAX_TESTS\n`);
  });

  it("--json gives one line with the path and the overrides; no file means the defaults", async () => {
    const res = await cli(["config", "check", "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ type: "config", path: null, overrides: [], config: { stateDir: "/var/lib/ci-warm" } });
  });

  it.each([
    ["a bad field", { stateDir: "relative" }, {}, /stateDir: must be an absolute path/],
    ["an unknown key", { sweeep: {} }, {}, /sweeep/],
    ["a bad cron", { sweep: { schedule: "every night" } }, {}, /sweep\.schedule/],
    ["a bad env override", {}, { CC_WARM_MAX_TESTS: "lots" }, /sweep\.maxTests.*\(from env CC_WARM_MAX_TESTS\)/],
  ])("exit 2 naming the file and the field for %s", async (_name, content, env, message) => {
    const path = file(`bad-${Math.random()}.json`, content);
    const res = await cli(["config", "check", "-c", path], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(path);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe("");
  });

  it("exit 2 for a missing file, not JSON, and a wrong action", async () => {
    expect((await cli(["config", "check", "--config", join(dir, "absent.json")])).stderr).toMatch(/cannot read config file \(ENOENT\)/);
    expect((await cli(["config", "check", "--config", file("x.json", "{oops")])).stderr).toMatch(/not valid JSON/);
    const wrong = await cli(["config", "lint"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/config: expected "check" or "schema", got "lint"/);
  });

  it("exit 3 when the state dir holds the Python lane's warm state", async () => {
    const stateDir = join(dir, "pylane");
    mkdirSync(join(stateDir, "gitea"), { recursive: true });
    writeFileSync(join(stateDir, "gitea", "canonical.json"), "{}");
    const res = await cli(["config", "check", "--config", file("py.json", { stateDir })]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/holds the Python CI lane's warm state/);
  });
});

describe("cc-warm config schema", () => {
  it("prints the JSON Schema generated from the zod schema, input shape", async () => {
    const res = await cli(["config", "schema"]);
    expect(res.code).toBe(0);
    const schema = JSON.parse(res.stdout);
    expect(schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", title: "cc-warm config", type: "object", additionalProperties: false });
    expect(schema.properties.stateDir).toMatchObject({ type: "string", default: "/var/lib/ci-warm" });
    expect(schema.properties.deployer.properties.kind.enum).toEqual(["docker-stack", "abra"]);
    expect(schema.required ?? []).toEqual([]); // every field has a default or is optional
    expect(Object.keys(schema.properties).sort()).toEqual(["$schema", ...Object.keys(loadConfig({ env: {} }))].sort());
  });

  it("a file carrying $schema still loads (it is for editors, not a setting)", () => {
    expect(loadConfig({ path: file("with-schema.json", { $schema: "x.json", ciDomain: "a.example.org" }), env: {} }).ciDomain).toBe("a.example.org");
  });
});

describe("redactConfig", () => {
  it("leaves secret sources and ordinary values alone", () => {
    const config = { keycloak: { adminPassword: { from: "file", path: "/run/keys/kc" } }, recipes: { x: { sso: { clientSecretEnv: "OIDC_CLIENT_SECRET" } } }, n: 3 };
    expect(redactConfig(config)).toEqual(config);
  });
});
