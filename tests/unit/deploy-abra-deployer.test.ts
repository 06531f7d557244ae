// The abra deployer end to end with only the process boundary faked: `abra` and `docker` calls
// are answered by a recorder (abra's side effects on its ABRA_DIR imitated: `app new` writes the
// app's .env), while git, the filesystem and the per-run ABRA_DIR are real.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandResult, RunCommandOptions } from "../../lib/exec/mod.ts";

interface Call { file: string; args: string[]; env: Record<string, string | undefined> }
const fake = vi.hoisted(() => ({
  calls: [] as Call[],
  deployed: new Set<string>(),
  abraFails: undefined as undefined | { match: string; stdout: string },
}));

vi.mock("../../lib/exec/mod.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lib/exec/mod.ts")>();
  const result = (file: string, args: readonly string[], stdout: string, exitCode = 0): CommandResult => ({
    command: [file, ...args].join(" "), exitCode, stdout, stderr: "", failed: exitCode !== 0, timedOut: false, isCanceled: false, durationMs: 1,
  });
  const answer = async (file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> => {
    if (file === "git") return real.runCommand(file, args, options);
    fake.calls.push({ file, args: [...args], env: { ...options.env } });
    if (file === "docker") {
      const ns = args.find((a) => a.startsWith("label=com.docker.stack.namespace"));
      if (args[0] === "service" && args[1] === "ls") {
        if (ns === "label=com.docker.stack.namespace") return result(file, args, fake.deployed.size ? "svc1" : "");
        return result(file, args, ns && fake.deployed.has(ns.split("=")[2]!) ? "svc1" : "");
      }
      if (args[0] === "service" && args[1] === "inspect") return result(file, args, [...fake.deployed].join("\n"));
      return result(file, args, "");
    }
    // abra: imitate what it leaves behind in its ABRA_DIR.
    const abraDir = options.env?.ABRA_DIR ?? "";
    if (fake.abraFails && args.join(" ").includes(fake.abraFails.match)) return result(file, args, fake.abraFails.stdout, 1);
    if (args[1] === "new") {
      const domain = args[args.indexOf("--domain") + 1]!;
      const server = args[args.indexOf("--server") + 1]!;
      const sample = readFileSync(join(abraDir, "recipes", args[2]!, ".env.sample"), "utf8");
      writeFileSync(join(abraDir, "servers", server, `${domain}.env`), sample.replace(/^DOMAIN=.*$/m, `DOMAIN=${domain}`), { mode: 0o600 });
    }
    if (args[1] === "deploy") fake.deployed.add(args[2]!.replace(/\./g, "_"));
    if (args[1] === "undeploy") fake.deployed.delete(args[2]!.replace(/\./g, "_"));
    if (args[1] === "secret") return result(file, args, "│ db_password │ Xk29fPq8LmW3zQa7 │");
    return result(file, args, "");
  };
  const orThrow = async (file: string, args: readonly string[], options: RunCommandOptions = {}) => {
    const res = await answer(file, args, options);
    if (res.failed) throw new real.CommandError(res);
    return res;
  };
  return { ...real, runCommand: answer, runCommandOrThrow: orThrow };
});

const { AbraDeployer } = await import("../../lib/deploy/abra.ts");
const { InfraError } = await import("../../lib/errors.ts");
const { stackNameFromDomain } = await import("../../lib/deploy/stack-name.ts");

const work = mkdtempSync(join(tmpdir(), "ccw-abra-deployer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const git = (dir: string, ...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();

const source = join(work, "recipes", "demo");
mkdirSync(source, { recursive: true });
git(source, "init", "--quiet", "-b", "main");
git(source, "config", "user.email", "t@example.org");
git(source, "config", "user.name", "t");
writeFileSync(join(source, "compose.yml"), "version: '3.8'\nservices:\n  app:\n    image: local/ccw-busybox:1\n");
writeFileSync(join(source, ".env.sample"), "TYPE=demo\nDOMAIN=demo.example.com\nSECRET_DB_PASSWORD_VERSION=v1\n");
git(source, "add", "-A");
git(source, "commit", "--quiet", "-m", "v1");
git(source, "tag", "1.0.0+1.0");
writeFileSync(join(source, "compose.yml"), "version: '3.8'\nservices:\n  app:\n    image: local/ccw-busybox:2\n");
git(source, "commit", "--quiet", "-am", "pr");
git(source, "update-ref", "refs/pull/7/head", "HEAD");
const prCommit = git(source, "rev-parse", "HEAD");
git(source, "reset", "--quiet", "--hard", "1.0.0+1.0");

const shared = join(work, "shared-abra");
mkdirSync(join(shared, "servers", "default"), { recursive: true });
mkdirSync(join(shared, "catalogue"), { recursive: true });
const app = { recipe: "demo", domain: "ccw-abra.ci.local", stack: "ccw-abra_ci_local", recipeDir: source };
const oidc = { OIDC_CLIENT_ID: "demo-app", OIDC_CLIENT_SECRET: "Zq81Lw0pR7mN3xTb5vYc", OIDC_ISSUER: "http://127.0.0.1:18080/realms/ccw-r1" };

beforeEach(() => {
  fake.calls.length = 0;
  fake.abraFails = undefined;
});

describe("AbraDeployer at the process boundary", () => {
  const abraDir = join(work, "state", "abra", "run-1");
  const d = new AbraDeployer({ abraDir, sharedAbraDir: shared, server: "default", abraBin: "abra" });
  const abraCalls = () => fake.calls.filter((c) => c.file === "abra");

  it("lays out a per-run ABRA_DIR, creates the app, deploys a release as [version]", async () => {
    // A finished run's ABRA_DIR from two days ago: reaped, without following its symlinks.
    const stale = join(work, "state", "abra", "run-0");
    mkdirSync(join(stale, "recipes", "demo"), { recursive: true });
    symlinkSync(join(shared, "servers"), join(stale, "servers"));
    writeFileSync(join(shared, "servers", "default", "keep.env"), "TYPE=keep\n");
    const old = (Date.now() - 50 * 3_600_000) / 1000;
    utimesSync(stale, old, old);
    const res = await d.deploy(app, "1.0.0+1.0");
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(join(shared, "servers", "default", "keep.env"), "utf8")).toBe("TYPE=keep\n");
    expect(readlinkSync(join(abraDir, "servers"))).toBe(join(shared, "servers"));
    expect(readlinkSync(join(abraDir, "catalogue"))).toBe(join(shared, "catalogue"));
    expect(lstatSync(join(abraDir, "recipes")).isSymbolicLink()).toBe(false);
    expect(git(join(abraDir, "recipes", "demo"), "rev-parse", "HEAD")).toBe(git(source, "rev-parse", "1.0.0+1.0^{commit}"));
    expect(abraCalls().map((c) => c.args)).toEqual([
      ["app", "new", "demo", "--server", "default", "--domain", app.domain, "--chaos", "--no-input", "--offline"],
      ["app", "secret", "generate", app.domain, "--all", "--no-input", "--offline"],
      ["app", "deploy", app.domain, "1.0.0+1.0", "--no-domain-checks", "--no-converge-checks", "--no-input", "--offline"],
    ]);
    expect(new Set(abraCalls().map((c) => c.env.ABRA_DIR))).toEqual(new Set([abraDir]));
    expect(res).toMatchObject({ stack: app.stack, ref: "1.0.0+1.0", commit: git(source, "rev-parse", "1.0.0+1.0^{commit}") });
    expect(existsSync(join(shared, "servers", "default", `${app.domain}.env`))).toBe(true);
  });

  it("upgrades to a PR head: checked out in the run's checkout, --chaos --force, OIDC values in the .env only", async () => {
    const res = await d.upgrade(app, "refs/pull/7/head", { env: oidc });
    expect(res.commit).toBe(prCommit);
    expect(git(join(abraDir, "recipes", "demo"), "rev-parse", "HEAD")).toBe(prCommit);
    expect(git(source, "rev-parse", "HEAD")).toBe(git(source, "rev-parse", "1.0.0+1.0^{commit}"));
    expect(abraCalls().map((c) => c.args)).toEqual([
      ["app", "deploy", app.domain, "--chaos", "--force", "--no-domain-checks", "--no-converge-checks", "--no-input", "--offline"],
    ]);
    const envFile = join(shared, "servers", "default", `${app.domain}.env`);
    expect(readFileSync(envFile, "utf8")).toContain(`OIDC_CLIENT_SECRET=${oidc.OIDC_CLIENT_SECRET}`);
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    for (const c of fake.calls) {
      expect(JSON.stringify(c)).not.toContain(oidc.OIDC_CLIENT_SECRET);
    }
  });

  it("keeps abra's converge wait when the app has POST_DEPLOY_CMDS (abra runs them only after it)", async () => {
    const envFile = join(shared, "servers", "default", `${app.domain}.env`);
    writeFileSync(envFile, `${readFileSync(envFile, "utf8")}POST_DEPLOY_CMDS="app migrate"\n`);
    await d.deploy(app, "1.0.0+1.0");
    expect(abraCalls().at(-1)!.args).toEqual(["app", "deploy", app.domain, "1.0.0+1.0", "--force", "--no-domain-checks", "--no-input", "--offline"]);
  });

  it("scrubs abra's failure output (on stdout) of secret values before it becomes an error", async () => {
    fake.abraFails = { match: "app deploy", stdout: `deploying…\n│ OIDC_CLIENT_SECRET │ ${oidc.OIDC_CLIENT_SECRET} │\nFATA unable to deploy: secret ${oidc.OIDC_CLIENT_SECRET} and Kq7Rt2Wx9Lm4Np6Z rejected` };
    const err = await d.deploy(app, "refs/pull/7/head", { env: oidc }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    const text = JSON.stringify({ message: (err as Error).message, cause: (err as Error).cause });
    expect(text).toMatch(/abra app deploy exited with 1: .*FATA unable to deploy/s);
    expect(text).not.toContain(oidc.OIDC_CLIENT_SECRET);
    expect(text).not.toContain("Kq7Rt2Wx9Lm4Np6Z");
  });

  it("undeploys through abra and reads the stack from Docker's labels after a deploy", async () => {
    await d.undeploy(app);
    expect(abraCalls().map((c) => c.args)).toEqual([["app", "undeploy", app.domain, "--no-input", "--offline"]]);
    // a stack abra did not create under the tracked name is an infrastructure error, not assumed.
    const other = { ...app, domain: "ccw-abra2.ci.local", stack: "ccw-abra2_ci_local" };
    fake.deployed.add("something_else");
    const orig = fake.deployed.add.bind(fake.deployed);
    fake.deployed.add = (v: string) => (v === other.stack ? fake.deployed : orig(v));
    const err = await d.deploy(other, "1.0.0+1.0").catch((e: unknown) => e);
    fake.deployed.add = orig;
    expect((err as Error).message).toMatch(/no service labelled com\.docker\.stack\.namespace=ccw-abra2_ci_local \(stacks: something_else\)/);
  });

  it("refuses, before any side effect, a domain abra would name differently", async () => {
    const domain = "ccw-a-rather-long-recipe-domain.ci.example.org";
    const long = { ...app, domain, stack: stackNameFromDomain(domain) };
    await expect(d.deploy(long, "1.0.0+1.0")).rejects.toThrow(/abra names the stack/);
    expect(fake.calls).toEqual([]);
  });

  it("refuses a run whose shared abra dir has no server entry", async () => {
    const bare = new AbraDeployer({ abraDir: join(work, "state", "abra", "run-2"), sharedAbraDir: join(work, "empty"), server: "default" });
    await expect(bare.deploy(app, "1.0.0+1.0")).rejects.toThrow(/abra server "default" is not set up in .*empty\/servers/);
    expect(abraCalls()).toEqual([]);
  });
});
