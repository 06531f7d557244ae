// Bad input at the CLI: generated malformed recipe names, refs, realm names, run domains, paths,
// parameter keys and config files (`..`, absolute paths, newlines, shell metacharacters,
// unicode, over-long names; NUL via config files, since argv cannot carry it) are fed to the
// real CLI (`node dist/cli.js …`). Each must exit 2 with a message naming the key or field, and
// nothing may change in the temp state dir or the swarm.
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateCanonical } from "../../lib/canonical/registry.ts";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";

const NUM_RUNS = 25; // each run starts the CLI (~0.3 s idle, more on a busy host)
const POISON = ["..", "/..", "\n", "\r", " ", "\t", ";", "|", "&", "$", "`", "<", ">", "(", ")", "*", "?", "!", "'", '"', "\\", "~", "^", "é", "名", "😀", "\u202e", "$(id)", "; rm -rf /", "A", "_"];
const lowerAlnum = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const poisoned = (base: fc.Arbitrary<string>, poison: readonly string[] = POISON): fc.Arbitrary<string> =>
  fc.tuple(base, fc.constantFrom(...poison), fc.nat()).map(([b, p, i]) => b.slice(0, i % (b.length + 1)) + p + b.slice(i % (b.length + 1)));
const tooLong = (max: number): fc.Arbitrary<string> => fc.integer({ min: max + 1, max: max + 300 }).map((n) => "a".repeat(n));
const badName = (max: number) => fc.oneof(poisoned(lowerAlnum, [...POISON, ".", "--", "/"]), tooLong(max), fc.constantFrom("", "-x", "x-", "a--b", "/etc/passwd", "../x"));
const badRef = fc.oneof(poisoned(lowerAlnum, POISON.filter((p) => !["A", "_", "/.."].includes(p)).concat([":", "//"])), tooLong(100), fc.constantFrom("", "-x", "/x", ".x", "x/", "x.lock", "a/../b"));
const badDomain = fc.oneof(poisoned(fc.tuple(lowerAlnum, lowerAlnum).map(([a, b]) => `${a}.${b}`), [...POISON, ":", "/", "..", ".-"]), fc.integer({ min: 64, max: 100 }).map((n) => `${"a".repeat(n)}.org`));
const badPath = fc.oneof(
  // "/.." spliced mid-name can make a valid path ("//..tmp"): a real `..` segment comes from "/../".
  poisoned(lowerAlnum.map((s) => `/tmp/${s}`), POISON.filter((p) => !["..", "/..", "A", "_"].includes(p))),
  lowerAlnum.map((s) => `/tmp/../${s}`),
  lowerAlnum.map((s) => `${s}/relative`),
  lowerAlnum.map((s) => `/tmp/${s}/../etc`),
  fc.constant(`/${"a".repeat(4100)}`),
);
/** The same, with NUL spliced in: only a config file can carry it. */
const withNul = (a: fc.Arbitrary<string>) => fc.oneof(a, poisoned(a.filter((s) => s.length > 0), ["\0"]));

let work: string;
let stateDir: string;
let baseConfig: Record<string, unknown>;
let config: string;
let seq = 0;

/** Everything observable on disk (names, sizes, mtimes) under the work dir. */
async function diskState(): Promise<string[]> {
  const names = (await readdir(work, { recursive: true })).map(String).filter((n) => !n.startsWith("cfg-")).sort();
  return Promise.all(names.map(async (n) => { const s = await stat(join(work, n)); return `${n} ${s.size} ${s.mtimeMs}`; }));
}
/** Stacks and volumes, except other areas' concurrent test objects (`ccw-test-…`). */
async function swarmState(): Promise<string[]> {
  const stacks = (await runCommandOrThrow("docker", ["stack", "ls", "--format", "{{.Name}}"])).stdout.split("\n").map((s) => `stack ${s}`);
  const vols = (await runCommandOrThrow("docker", ["volume", "ls", "-q"])).stdout.split("\n").map((v) => `volume ${v}`);
  return [...stacks, ...vols].filter((l) => l.split(" ")[1] && !/^(stack|volume) ccw-test-/.test(l)).sort();
}

/**
 * Start the CLI. Other helpers may rebuild dist/ (tsup cleans it first) while this runs: wait for
 * the build to reappear rather than report its absence as a CLI failure.
 */
async function cliRun(args: string[]) {
  for (let i = 0; ; i++) {
    const res = await startCli("node", args);
    if (!([1, 3].includes(res.exitCode ?? 0) && /Cannot find module '[^']*\/dist\//.test(res.stderr)) || i >= 60) return res;
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

/** Run the CLI and check: exit 2, stderr and the JSON result name `key`. */
async function rejects(args: string[], key: string | ((stderr: string) => boolean), configPath = config): Promise<void> {
  const res = await cliRun([...args, "--json", "--config", configPath]);
  const shown = `${args.join(" ").slice(0, 200)} → exit ${res.exitCode}: ${res.stderr.slice(0, 300)}`;
  expect(res.exitCode, shown).toBe(2);
  const lines = jsonLines(res.stdout);
  expect(lines, shown).toHaveLength(1);
  const result = lines[0] as { type: string; exitCode: number; error: { message: string } };
  expect(result).toMatchObject({ type: "result", exitCode: 2 });
  if (typeof key === "string") {
    expect(res.stderr.startsWith(`cc-warm: ${key}: `), shown).toBe(true);
    expect(result.error.message.startsWith(`${key}: `), shown).toBe(true);
  } else expect(key(res.stderr), shown).toBe(true);
}

/** Write a config file that is the base config with `patch` applied (as raw JSON text). */
async function configWith(patch: (c: Record<string, unknown>) => unknown): Promise<string> {
  const path = join(work, `cfg-${seq++}.json`);
  const c = structuredClone(baseConfig);
  const out = patch(c) ?? c;
  await writeFile(path, typeof out === "string" ? out : JSON.stringify(out));
  return path;
}

let diskBefore: string[];
let swarmBefore: string[];
const SENTINEL = `ccw-sentinel-badcli-${process.pid}`;
beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "ccw-test-badcli-"));
  stateDir = join(work, "state");
  baseConfig = { stateDir, ciDomain: "ci.test", recipes: { demo: { source: join(work, "no-recipe"), sso: {} } }, keycloak: { url: "http://127.0.0.1:9" } };
  config = join(work, "cfg-base.json");
  await writeFile(config, JSON.stringify(baseConfig));
  await (await import("node:fs/promises")).mkdir(stateDir);
  await updateCanonical(stateDir, "demo", { knownGoodCommit: "0123456789abcdef", manifestDigest: "ab".repeat(32), promotedAt: "2026-01-01T00:00:00.000Z" });
  await runCommandOrThrow("docker", ["volume", "create", SENTINEL]);
  diskBefore = await diskState();
  swarmBefore = await swarmState();
});
afterAll(async () => {
  await runCommandOrThrow("docker", ["volume", "rm", SENTINEL]).catch(() => {});
  await rm(work, { recursive: true, force: true });
});

const prop = <T>(arb: fc.Arbitrary<T>, check: (v: T) => Promise<void>) => fc.assert(fc.asyncProperty(arb, check), { numRuns: NUM_RUNS });
const noNul = (a: fc.Arbitrary<string>) => a.filter((s) => !s.includes("\0"));

describe("the real CLI rejects bad input with exit 2, naming the key, and does nothing", () => {
  it("quick recipe=…", () => prop(noNul(badName(32)), (v) => rejects(["quick", `recipe=${v}`, "ref=v2"], "recipe")));
  it("quick ref=…", () => prop(noNul(badRef), (v) => rejects(["quick", "recipe=demo", `ref=${v}`], "ref")));
  it("quick assert=… (paths)", () => prop(noNul(badPath), (v) => rejects(["quick", "recipe=demo", `assert=${v}`], "assert")));
  it("realm-delete realm=… and realm-create parent=…/run=…", () =>
    prop(fc.oneof(noNul(badName(64)).map((v) => ["realm", ["realm-delete", `realm=${v}`]] as const), noNul(badName(32)).map((v) => ["parent", ["realm-create", `parent=${v}`, "run=pr1"]] as const), noNul(badDomain).map((v) => ["run", ["realm-create", "parent=demo", `run=${v}`]] as const)), ([key, args]) => rejects([...args], key)));
  it("unknown or malformed parameter keys, and bad values of prune/selftest", () =>
    prop(fc.oneof(
      poisoned(lowerAlnum, ["A", "_", ".", "é", "$", "*"]).map((k) => [["status", `${k}=1`], (e: string) => e.startsWith(`cc-warm: ${k}: `)] as const),
      lowerAlnum.map((k) => [["quick", "recipe=demo", `${k}x=1`], `${k}x`] as const),
      fc.oneof(poisoned(lowerAlnum, POISON.filter((p) => p !== "_")), tooLong(40), fc.constantFrom("", "-x", "_x")).map((v) => [["prune", `scope=${v}`], "scope"] as const),
      fc.constantFrom("yes", "1", "", "TRUE", "true;rm").map((v) => [["prune", `dry-run=${v}`], "dry-run"] as const),
      noNul(badPath).map((v) => [["selftest", `marker=${v}`], "marker"] as const),
    ), ([args, key]) => rejects([...args], key)));
  it("config files: bad stateDir, dockerRoot, ciDomain, recipe names, keycloak.recipe (NUL included)", () =>
    prop(fc.tuple(withNul(badPath), withNul(badDomain), withNul(badName(32)), fc.constantFrom("stateDir", "dockerRoot", "ciDomain", "recipes", "keycloak.recipe")), async ([path, domain, name, field]) => {
      const file = await configWith((c) => {
        if (field === "stateDir" || field === "dockerRoot") c[field] = path;
        else if (field === "ciDomain") c.ciDomain = domain;
        else if (field === "recipes") c.recipes = { [name]: {} };
        else c.keycloak = { recipe: name };
      });
      const args = field === "stateDir" ? ["quick", "recipe=demo"] : ["status"];
      await rejects(args, (e) => e.startsWith(`cc-warm: ${file}: `) && e.includes(`${field}`), file);
    }));
  it("a config file that cannot be read is named", async () => {
    const missing = join(work, "missing", "config.json");
    await rejects(["prune"], (e) => e.startsWith(`cc-warm: ${missing}: cannot read config file (ENOENT)`), missing);
  });
  it("config files that are not JSON objects", () =>
    prop(fc.oneof(fc.string().filter((s) => { try { const v = JSON.parse(s); return !v || typeof v !== "object" || Array.isArray(v); } catch { return true; } }), fc.constant("[]"), fc.constant("{\"stateDir\":")), async (text) => {
      const file = await configWith(() => text);
      await rejects(["status"], (e) => e.startsWith(`cc-warm: ${file}: `), file);
    }));

  it("left the state dir and the swarm as they were", async () => {
    expect(await diskState()).toEqual(diskBefore);
    // Nothing appeared; our sentinel survived. (Other suites may remove their own objects meanwhile.)
    const now = await swarmState();
    expect(now.filter((o) => !swarmBefore.includes(o))).toEqual([]);
    expect(now).toContain(`volume ${SENTINEL}`);
  });
});
