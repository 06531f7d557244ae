// Property: every malformed name, ref, realm, domain, path, lock name, alert id or config field
// is rejected with an InputError/ConfigError naming the key, and nothing changes on disk (a temp
// state dir) or in the swarm. Each target is one entry in `targets`; a CLI-level variant adds
// targets whose `attempt` spawns the CLI and maps its exit code 2 + stderr to the same check.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, InputError } from "../../lib/errors.ts";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { absolutePathSchema, domainSchema, gitRefSchema, parseInput, realmNameSchema, recipeNameSchema } from "../../lib/validate/mod.ts";
import { loadConfig } from "../../lib/config/mod.ts";
import { acquireLock } from "../../lib/lock/mod.ts";
import { acknowledgeAlert, listAlerts, raiseAlert } from "../../lib/alerts/mod.ts";
import { diskPrune } from "../../lib/disk/mod.ts";

const NUM_RUNS = 150;
let stateDir: string;
let scratch: string;

// Fragments that no name/ref/domain/path schema allows.
const POISON = ["..", "/..", "\0", "\n", "\r", " ", "\t", ";", "|", "&", "$", "`", "<", ">", "(", ")", "*", "?", "!", "'", '"', "\\", "~", "^", "é", "名", "😀", "\u202e", "$(id)", "; rm -rf /"];
const lowerAlnum = fc.stringMatching(/^[a-z0-9]{1,12}$/);
/** A valid-looking base with a poison fragment spliced in somewhere. */
const poisoned = (base: fc.Arbitrary<string>, poison: readonly string[] = POISON): fc.Arbitrary<string> =>
  fc.tuple(base, fc.constantFrom(...poison), fc.nat()).map(([b, p, i]) => b.slice(0, i % (b.length + 1)) + p + b.slice(i % (b.length + 1)));
const tooLong = (max: number): fc.Arbitrary<string> => fc.integer({ min: max + 1, max: max + 300 }).map((n) => "a".repeat(n));

const badName = (max: number): fc.Arbitrary<string> =>
  fc.oneof(poisoned(lowerAlnum, [...POISON, "A", "_", ".", "--", "/"]), tooLong(max), fc.constantFrom("", "-x", "x-", "UPPER", "a--b"));
const badRef = fc.oneof(poisoned(lowerAlnum, POISON.filter((p) => p !== "/..").concat([":", "//", " "])), tooLong(100), fc.constantFrom("", "-x", "/x", ".x", "x/", "x.lock", "a/../b"));
const badDomain = fc.oneof(
  poisoned(fc.tuple(lowerAlnum, lowerAlnum).map(([a, b]) => `${a}.${b}`), [...POISON, "_", "A", ":", "/", ".."]),
  lowerAlnum, // a single label
  fc.integer({ min: 64, max: 100 }).map((n) => `${"a".repeat(n)}.org`),
  fc.integer({ min: 254, max: 400 }).map((n) => `${"a.".repeat(Math.ceil(n / 2))}org`),
);
/**
 * Malformed absolute paths under `root`. Side-effecting targets pass a root inside the temp state
 * dir, so even a wrongly accepted path (or a `..` escape) would land where `diskState` sees it.
 */
const badPathUnder = (root: string, withRelative = false): fc.Arbitrary<string> =>
  fc.oneof(
    // Relative paths resolve against the cwd (the repo): only offered to side-effect-free targets.
    ...(withRelative ? [lowerAlnum.map((s) => `${s}/relative`)] : []),
    poisoned(lowerAlnum, POISON.filter((p) => !p.includes(".."))).map((seg) => `${root}/${seg}`),
    lowerAlnum.map((s) => `${root}/${s}/../x`),
    lowerAlnum.map((s) => `${root}/${s}/..`),
    fc.constant(`${root}/${"a".repeat(4100)}`),
  );
const badPath = badPathUnder("/var/lib/ccw-test-badinput", true);

interface Target {
  name: string;
  /** The key or field the error must name. */
  key: string | ((value: unknown) => string);
  /** A thunk: some arbitraries depend on the temp state dir made in `beforeAll`. */
  arbitrary: () => fc.Arbitrary<unknown>;
  attempt: (value: never) => Promise<unknown>;
  error: typeof InputError | typeof ConfigError;
}
const input = (name: string, key: string, schema: Parameters<typeof parseInput>[1], arbitrary: fc.Arbitrary<string>): Target => ({
  name, key, arbitrary: () => arbitrary, error: InputError, attempt: async (v: string) => parseInput(key, schema, v),
});
const jail = (): string => join(stateDir, "jail", "in");
let cfgSeq = 0;
const config = (field: string, arbitrary: fc.Arbitrary<unknown>, build: (v: never) => object): Target => ({
  name: `config ${field}`, key: field, arbitrary: () => arbitrary, error: ConfigError,
  attempt: async (v: never) => {
    const path = join(scratch, `config-${cfgSeq++}.json`);
    await writeFile(path, JSON.stringify(build(v)));
    return loadConfig({ path, env: {} });
  },
});

const targets: Target[] = [
  input("recipe names", "recipe", recipeNameSchema, badName(32)),
  input("git refs", "ref", gitRefSchema, badRef),
  input("realm names", "realm", realmNameSchema, badName(64)),
  input("domains", "domain", domainSchema, badDomain),
  input("paths", "stateDir", absolutePathSchema, badPath),
  { name: "lock names (acquireLock)", key: "lock", error: InputError, arbitrary: () => fc.oneof(poisoned(lowerAlnum), tooLong(100)), attempt: (v: string) => acquireLock(stateDir, v, { timeoutMs: 1 }) },
  { name: "state dirs (acquireLock)", key: "stateDir", error: InputError, arbitrary: () => badPathUnder(jail()), attempt: (v: string) => acquireLock(v, "demo", { timeoutMs: 1 }) },
  { name: "state dirs (raiseAlert)", key: "stateDir", error: InputError, arbitrary: () => badPathUnder(jail()), attempt: (v: string) => raiseAlert(v, { what: "x", why: "y" }) },
  { name: "state dirs (listAlerts)", key: "stateDir", error: InputError, arbitrary: () => badPathUnder(jail()), attempt: (v: string) => listAlerts(v) },
  { name: "state dirs (diskPrune)", key: "stateDir", error: InputError, arbitrary: () => badPathUnder(jail()), attempt: (v: string) => diskPrune({ warnAtPercent: 80, pruneAtPercent: 85, pruneDownToPercent: 75, coldGraceHours: 6, imageBudgetGiB: 20 }, { stateDir: v, protectedStacks: [], dryRun: true }) },
  { name: "alert ids", key: "id", error: InputError, arbitrary: () => fc.oneof(poisoned(lowerAlnum), badPathUnder(jail())), attempt: (v: string) => acknowledgeAlert(stateDir, v) },
  config("stateDir", badPath, (v) => ({ stateDir: v })),
  config("dockerRoot", badPath, (v) => ({ dockerRoot: v })),
  config("ciDomain", badDomain, (v) => ({ ciDomain: v })),
  config("keycloak.recipe", badName(32), (v) => ({ keycloak: { recipe: v } })),
  config("deployer.workDir", badPath, (v) => ({ deployer: { workDir: v } })),
  config("recipes", badName(32), (v) => ({ recipes: { [v]: {} } })),
  config("sweep.maxTests", fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 0.1, max: 9.9, noInteger: true }), fc.string()), (v) => ({ sweep: { maxTests: v } })),
  config("disk.pruneDownToPercent", fc.integer({ min: 50, max: 100 }), (v: number) => ({ disk: { pruneAtPercent: v, pruneDownToPercent: v } })),
  config("disk.warnAtPercent", fc.oneof(fc.integer({ min: 101 }), fc.integer({ max: 0 })), (v) => ({ disk: { warnAtPercent: v } })),
  config("alerts.notifyCommand", fc.oneof(fc.constant([]), fc.string(), fc.constant([""])), (v) => ({ alerts: { notifyCommand: v } })),
];

/** The state dir's tree (names and sizes). */
async function diskState(): Promise<string[]> {
  const names = (await readdir(stateDir, { recursive: true })).map(String).sort();
  return Promise.all(names.map(async (n) => `${n} ${(await stat(join(stateDir, n))).size}`));
}
/** Stacks and volumes, except other areas' concurrent test objects (`ccw-test-<area>-…`). */
async function swarmState(): Promise<string[]> {
  const stacks = (await runCommandOrThrow("docker", ["stack", "ls", "--format", "{{.Name}}"])).stdout;
  const vols = (await runCommandOrThrow("docker", ["volume", "ls", "-q"])).stdout;
  return [...stacks.split("\n").map((s) => `stack ${s}`), ...vols.split("\n").map((v) => `volume ${v}`)]
    .filter((l) => l.trim().split(" ")[1] && !/^(stack|volume) ccw-test-/.test(l)).sort();
}

let swarmBefore: string[];
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "ccw-test-badinput-state-"));
  scratch = await mkdtemp(join(tmpdir(), "ccw-test-badinput-cfg-"));
  await writeFile(join(stateDir, "registry.json"), "{}");
  await mkdir(jail(), { recursive: true });
  swarmBefore = await swarmState();
});
afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe("bad input is rejected, naming the key, with no side effect", () => {
  for (const t of targets) {
    it(t.name, async () => {
      const before = await diskState();
      await fc.assert(
        fc.asyncProperty(t.arbitrary(), async (value) => {
          const err = await t.attempt(value as never).then(() => undefined, (e: unknown) => e);
          expect(err, `accepted ${JSON.stringify(value)}`).toBeInstanceOf(t.error);
          const key = typeof t.key === "function" ? t.key(value) : t.key;
          const msg = (err as Error).message;
          if (err instanceof InputError) {
            expect(err.key).toBe(key);
            expect(msg.startsWith(`${key}: `)).toBe(true);
          } else expect(msg).toContain(`: ${key}`);
        }),
        { numRuns: NUM_RUNS },
      );
      expect(await diskState()).toEqual(before);
    });
  }

  it("left the swarm as it was", async () => {
    expect(await swarmState()).toEqual(swarmBefore);
  });
});
