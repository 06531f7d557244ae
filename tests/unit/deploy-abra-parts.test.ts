// The abra lane's pure parts: argument building, the app .env writer, output scrubbing and the
// stack-name guard. No process is started.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { abraDeployArgs, abraNewArgs, abraSecretGenerateArgs, abraUndeployArgs } from "../../lib/deploy/abra-args.ts";
import { recipeSource } from "../../lib/deploy/abra-dir.ts";
import { setAppEnvValues } from "../../lib/deploy/abra-env.ts";
import { abraFailureTail, scrubAbraOutput } from "../../lib/deploy/abra-scrub.ts";
import { abraStackName, assertAbraStackName } from "../../lib/deploy/abra-stack.ts";
import { parseEnvFile } from "../../lib/deploy/dotenv.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import { InputError } from "../../lib/errors.ts";

const work = mkdtempSync(join(tmpdir(), "ccw-abra-parts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("abra argument building", () => {
  it("never prompts, never goes online, and keeps secrets out of app new", () => {
    expect(abraNewArgs("demo", "d.ci.local", "default")).toEqual(["app", "new", "demo", "--server", "default", "--domain", "d.ci.local", "--chaos", "--no-input", "--offline"]);
    expect(abraSecretGenerateArgs("d.ci.local")).toEqual(["app", "secret", "generate", "d.ci.local", "--all", "--no-input", "--offline"]);
    expect(abraUndeployArgs("d.ci.local")).toEqual(["app", "undeploy", "d.ci.local", "--no-input", "--offline"]);
  });

  it("passes a release as [version], anything else as --chaos, --force only when deployed", () => {
    expect(abraDeployArgs("d.ci.local", { version: "1.0.0+1.0", chaos: false, force: false, noConvergeChecks: true }))
      .toEqual(["app", "deploy", "d.ci.local", "1.0.0+1.0", "--no-domain-checks", "--no-converge-checks", "--no-input", "--offline"]);
    expect(abraDeployArgs("d.ci.local", { version: "1.0.0+1.0", chaos: true, force: true, noConvergeChecks: false }))
      .toEqual(["app", "deploy", "d.ci.local", "--chaos", "--force", "--no-domain-checks", "--no-input", "--offline"]);
  });
});

describe("setAppEnvValues", () => {
  it("replaces or appends keys, keeps the rest, writes 0600, and reads back through the dotenv parser", async () => {
    const path = join(work, "d.ci.local.env");
    writeFileSync(path, "TYPE=demo\nDOMAIN=d.ci.local\n# OIDC\nOIDC_CLIENT_ID=old\nSECRET_DB_VERSION=v1 # length=32\n", { mode: 0o644 });
    const keys = await setAppEnvValues(path, { OIDC_CLIENT_ID: "demo-app", OIDC_CLIENT_SECRET: "s3cr#t value", OIDC_ISSUER: "http://kc:18080/realms/r-1" });
    expect(keys).toEqual(["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ISSUER"]);
    const text = readFileSync(path, "utf8");
    expect(text).toBe("TYPE=demo\nDOMAIN=d.ci.local\n# OIDC\nOIDC_CLIENT_ID=demo-app\nSECRET_DB_VERSION=v1 # length=32\nOIDC_CLIENT_SECRET='s3cr#t value'\nOIDC_ISSUER=http://kc:18080/realms/r-1\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parseEnvFile(text).values).toMatchObject({ OIDC_CLIENT_ID: "demo-app", OIDC_CLIENT_SECRET: "s3cr#t value", OIDC_ISSUER: "http://kc:18080/realms/r-1", SECRET_DB_VERSION: "v1" });
  });

  it("refuses a value it cannot write literally, without quoting the value", async () => {
    const path = join(work, "e.ci.local.env");
    writeFileSync(path, "TYPE=demo\n");
    const err = await setAppEnvValues(path, { OIDC_CLIENT_SECRET: "it's\nsecret-x9" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain("OIDC_CLIENT_SECRET");
    expect((err as Error).message).not.toContain("secret-x9");
    expect(readFileSync(path, "utf8")).toBe("TYPE=demo\n");
  });
});

describe("scrubbing abra output", () => {
  const generated = ["Xk29fPq8LmW3zQa7", "3f9a0c41d2b7e8f5a6c3d1e0b9a8f7e6", "Elope4Nasty-Bread"];
  const table = [
    "┌──────────────────┬──────────────────────────────────┐",
    "│ NAME             │ VALUE                            │",
    "├──────────────────┼──────────────────────────────────┤",
    `│ db_password      │ ${generated[0]}                 │`,
    `│ admin_password   │ ${generated[1]} │`,
    "└──────────────────┴──────────────────────────────────┘",
  ].join("\n");

  it("removes table values, known values and secret-looking tokens; keeps the reason", () => {
    const out = scrubAbraOutput(`${table}\nFATA unable to deploy d.ci.local: token ${generated[2]} rejected, oidc=known-oidc-value\n`, { secrets: ["known-oidc-value"] });
    for (const v of [...generated, "known-oidc-value"]) expect(out).not.toContain(v);
    expect(out).toContain("db_password");
    expect(out).toContain("FATA unable to deploy d.ci.local");
  });

  it("keeps paths, URLs, versions and secret names readable", () => {
    const line = "FATA open /root/.abra/recipes/demo/compose.yml: see https://docs.coopcloud.tech/x 1.2.0+26.5.6 example_wordpress_db_password_v1";
    expect(scrubAbraOutput(line)).toBe(line);
  });

  it("quotes the tail of stderr and stdout (abra's fatal errors are on stdout)", () => {
    const tail = abraFailureTail({ stderr: "", stdout: `line\n${table}\nFATA secret generation failed` });
    expect(tail).toMatch(/FATA secret generation failed$/);
    for (const v of generated.slice(0, 2)) expect(tail).not.toContain(v);
  });
});

describe("stack names", () => {
  it("abra's rule (dots → underscores, cut at 45, STACK_NAME wins) agrees with cc-warm's up to 40 characters", () => {
    const short = "warm-demo.ci.local";
    expect(abraStackName(short)).toBe(stackNameFromDomain(short));
    expect(() => assertAbraStackName({ domain: short, stack: stackNameFromDomain(short) })).not.toThrow();
    const long = "warm-a-rather-long-recipe-name.ci.example.org";
    expect(abraStackName(long)).toBe("warm-a-rather-long-recipe-name_ci_example_org".slice(0, 45));
    expect(() => assertAbraStackName({ domain: long, stack: stackNameFromDomain(long) })).toThrow(InputError);
    expect(() => assertAbraStackName({ domain: short, stack: "warm-demo_ci_local" }, { STACK_NAME: "other" })).toThrow(/abra names the stack/);
  });
});

describe("recipe sources", () => {
  it("is the configured source, else for abra the shared abra dir's recipes/<name>", () => {
    expect(recipeSource("/srv/recipes/demo", "demo", { kind: "abra" })).toBe("/srv/recipes/demo");
    expect(recipeSource(undefined, "demo", { kind: "abra", abraDir: "/srv/abra" })).toBe("/srv/abra/recipes/demo");
    expect(recipeSource(undefined, "demo", { kind: "docker-stack" })).toBeUndefined();
  });
});
