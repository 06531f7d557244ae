/**
 * The swarm set-up shared by the lane benchmarks: a demo recipe repository whose `.env.sample`
 * has a realistic first-start seed cost, a config and state dir, a canonical seeded at v1, and a
 * teardown that removes every stack, volume, secret and config it made.
 *
 * SEED_SECONDS reaches the container through compose interpolation (`${SEED_SECONDS:-0}`) from
 * the app env file, which the deployer copies from the recipe's `.env.sample` at the first
 * deploy; the env file's values override the process environment. So the knob is set in the
 * benchmark repository's `.env.sample` (not exported in the shell), for the canonical and every
 * cold run alike.
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalApp } from "../lib/canonical/app.ts";
import { commitKnownGood, rewarmCanonical } from "../lib/canonical/promote.ts";
import { loadConfig } from "../lib/config/load.ts";
import type { Config } from "../lib/config/mod.ts";
import { createDeployer } from "../lib/deploy/factory.ts";
import { removeStack } from "../lib/deploy/undeploy.ts";
import { scratchDir, sh } from "./util.ts";

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** Seconds the demo's first start spends seeding in these benchmarks (`$CCW_BENCH_SEED`, default 20). */
export const SEED_SECONDS: number = Number(process.env.CCW_BENCH_SEED ?? 20);

/** A ready demo environment. */
export interface DemoEnv {
  dir: string;
  repo: string;
  configPath: string;
  config: Config;
  /** `ccw-bench-<hex>.test`: every stack made here carries `ccw-bench-<hex>` in its name. */
  ciDomain: string;
  hex: string;
}

/**
 * Remove every stack, volume, secret and config whose name contains `needle`.
 *
 * @example
 * ```ts
 * await removeStacksLike("ccw-bench-1a2b3c");
 * ```
 */
export async function removeStacksLike(needle: string): Promise<void> {
  const stacks = (await sh("docker", ["stack", "ls", "--format", "{{.Name}}"])).split("\n").filter((s) => s.includes(needle));
  for (const s of stacks) await removeStack(s, { timeoutMs: 120_000 }).catch((e) => console.error(`  cleanup: ${e}`));
  for (const kind of ["volume", "config", "secret"] as const) {
    const names = (await sh("docker", [kind, "ls", "--format", "{{.Name}}"])).split("\n").filter((n) => n.includes(needle));
    if (names.length) await sh("docker", [kind, "rm", ...names]).catch((e) => console.error(`  cleanup: ${e}`));
  }
}

/** A recipe under examples/recipes the lane benchmarks run, and the release its canonical is seeded at. */
export interface BenchRecipe {
  /** The directory under examples/recipes, also the recipe's name in the config. */
  name: string;
  /** The ref the canonical is seeded at (the known-good). */
  seedRef: string;
  /** Adjust the copied recipe source before its repository is made (e.g. its `.env.sample`). */
  prepare?: (src: string) => Promise<void>;
}

/**
 * Build a recipe environment (repository from the recipe's make-repo.sh, config, a canonical
 * seeded at `seedRef`), run `fn`, then tear everything down (also on failure).
 *
 * @example
 * ```ts
 * const rows = await withRecipe({ name: "ledger", seedRef: "1.0.0+15" }, async (env) => { … return rows; });
 * ```
 */
export async function withRecipe<T>(recipe: BenchRecipe, fn: (env: DemoEnv) => Promise<T>): Promise<T> {
  const tmp = scratchDir("lanes");
  const hex = randomBytes(3).toString("hex");
  const ciDomain = `ccw-bench-${hex}.test`;
  try {
    // The recipe beside the shared builder scripts its make-repo.sh sources (../repo-builder.sh).
    const src = join(tmp.dir, "recipes", recipe.name);
    mkdirSync(join(tmp.dir, "recipes"));
    await sh("cp", ["-a", "--", `${ROOT}examples/recipes/${recipe.name}`, `${ROOT}examples/recipes/repo-builder.sh`, `${ROOT}examples/recipes/make-release-repo.sh`, join(tmp.dir, "recipes")]);
    await recipe.prepare?.(src);
    const repo = join(tmp.dir, recipe.name);
    await sh("bash", [join(src, "make-repo.sh"), repo]);
    const configPath = join(tmp.dir, "config.json");
    writeFileSync(configPath, JSON.stringify({ stateDir: join(tmp.dir, "state"), ciDomain, recipes: { [recipe.name]: { source: repo, convergeTimeoutMinutes: 5 } } }, null, 2));
    const config = loadConfig({ path: configPath, env: {} });
    console.error(`  seeding the ${recipe.name} canonical at ${recipe.seedRef} …`);
    const app = canonicalApp(recipe.name, config);
    const deployer = createDeployer(config);
    const { commit, specHash, imageDigests } = await rewarmCanonical(deployer, app, recipe.seedRef, { stateDir: config.stateDir, convergeMs: 300_000 });
    await commitKnownGood(deployer, app, { stateDir: config.stateDir, commit: commit!, version: recipe.seedRef, stackSpecHash: specHash, imageDigests });
    return await fn({ dir: tmp.dir, repo, configPath, config, ciDomain, hex });
  } finally {
    await removeStacksLike(`ccw-bench-${hex}`);
    tmp.dispose();
  }
}

/**
 * The demo recipe's environment ({@linkcode withRecipe}) with a first-start seed of
 * {@linkcode SEED_SECONDS}, canonical at v1.
 *
 * @example
 * ```ts
 * const rows = await withDemo(async (env) => { … return rows; });
 * ```
 */
export function withDemo<T>(fn: (env: DemoEnv) => Promise<T>): Promise<T> {
  const prepare = async (src: string) => {
    await sh("sed", ["-i", "-e", `s/^SEED_SECONDS=.*/SEED_SECONDS=${SEED_SECONDS}/`, "-e", `s/^#\\?HEALTH_START_PERIOD=.*/HEALTH_START_PERIOD=${SEED_SECONDS + 30}s/`, join(src, ".env.sample")]);
  };
  return withRecipe({ name: "demo", seedRef: "v1", prepare }, fn);
}

/**
 * Run the built CLI (`dist/cli.js`) with `--json`; throw unless it exits 0.
 *
 * @example
 * ```ts
 * await cli(env, ["quick", "recipe=demo", "ref=v2"]);
 * ```
 */
export async function cli(env: DemoEnv, args: string[]): Promise<void> {
  const out = await sh("node", [`${ROOT}dist/cli.js`, ...args, "--json", "--config", env.configPath], { cwd: ROOT, env: { NO_COLOR: "1" } });
  // Where the run's time went (the result line's per-task timings), for the log.
  const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { timings?: Record<string, number> };
  const slow = Object.entries(result.timings ?? {}).filter(([, ms]) => ms >= 100).map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)}`);
  console.error(`    ${args[0]} tasks (s): ${slow.join(", ")}`);
}
