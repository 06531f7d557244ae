/**
 * The quick lane against a cold run, and against the raw docker commands it amounts to, on the
 * demo recipe with a realistic seed cost. Wall times of the real CLI (`node dist/cli.js`).
 * @module
 */
import { execa } from "execa";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { delay } from "../lib/runner/wait.ts";
import { type BenchRecipe, cli, type DemoEnv, SEED_SECONDS, withDemo, withRecipe } from "./demo-env.ts";
import { type BenchRow, median, row } from "./table.ts";
import { interleave, load, sh, timed } from "./util.ts";

const ROUNDS = Number(process.env.CCW_BENCH_LANE_ROUNDS ?? 3);
const quick = (env: DemoEnv) => cli(env, ["quick", "recipe=demo", "ref=v2"]);

/** `cc-warm quick recipe=demo ref=v2` (canonical at v1) vs `cc-warm cold recipe=demo from=v1 ref=v2`. */
export async function benchQuickVsCold(): Promise<BenchRow[]> {
  return withDemo(async (env) => {
    await quick(env); // warm-up: from here on every quick run starts dirty and restores first (steady state)
    const { ours, base } = await interleave(ROUNDS, { log: "quick-vs-cold", ours: () => quick(env), base: () => cli(env, ["cold", "recipe=demo", "from=v1", "ref=v2"]) });
    return [row("quick-vs-cold", `cc-warm quick ref=v2 (canonical at v1) vs cc-warm cold from=v1 ref=v2, SEED_SECONDS=${SEED_SECONDS} (median of ${ROUNDS})`, median(ours) / 1000, median(base) / 1000, "s", { op: "<=", value: 0.3 },
      `load ${load()}`)];
  });
}

/** `$CCW_BENCH_LEDGER_ROWS` entries seeded by the ledger's first start (default: the recipe's own, 800 000). */
const LEDGER_ROWS = process.env.CCW_BENCH_LEDGER_ROWS;
const LEDGER: BenchRecipe = {
  name: "ledger",
  seedRef: "1.0.0+15",
  prepare: async (src) => {
    if (LEDGER_ROWS) await sh("sed", ["-i", `s/^#\\?LEDGER_SEED_ROWS=.*/LEDGER_SEED_ROWS=${Number(LEDGER_ROWS)}/`, join(src, ".env.sample")]);
  },
};

/**
 * The database-backed recipe: `cc-warm quick recipe=ledger ref=1.1.0+15` (canonical at 1.0.0+15,
 * its PostgreSQL seeded for real) vs `cc-warm cold recipe=ledger from=1.0.0+15 ref=1.1.0+15`
 * (seed from nothing, then the same migration), interleaved.
 */
export async function benchLedgerQuickVsCold(): Promise<BenchRow[]> {
  return withRecipe(LEDGER, async (env) => {
    const quickLedger = () => cli(env, ["quick", "recipe=ledger", "ref=1.1.0+15"]);
    await quickLedger(); // warm-up: from here on every quick run starts dirty and restores first (steady state)
    const { ours, base } = await interleave(ROUNDS, { log: "ledger-quick-vs-cold", ours: quickLedger, base: () => cli(env, ["cold", "recipe=ledger", "from=1.0.0+15", "ref=1.1.0+15"]) });
    return [row("ledger-quick-vs-cold", `ledger (PostgreSQL, ${LEDGER_ROWS ?? "800000"} seeded rows): cc-warm quick ref=1.1.0+15 (canonical at 1.0.0+15) vs cc-warm cold from=1.0.0+15 ref=1.1.0+15 (median of ${ROUNDS})`,
      median(ours) / 1000, median(base) / 1000, "s", { op: "<=", value: 0.35 }, `load ${load()}`)];
  });
}

/** Poll `check` every 250 ms until it is true (or throw after `timeoutMs`). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(250);
  }
}

/** The raw sequence's fixed parts: checkouts at v1 and v2, the stack's env, a v1 copy of its data. */
interface Raw {
  stack: string;
  env: Record<string, string>;
  dirs: { v1: string; v2: string };
  mount: string;
  v1data: string;
}

async function rawDeploy(raw: Raw, dir: string): Promise<void> {
  await sh("docker", ["stack", "deploy", "--detach=true", "--resolve-image", "never", "-c", "compose.yml", "-c", "compose.cache.yml", raw.stack], { cwd: dir, env: raw.env });
}

async function rawHealthy(raw: Raw, afterUpdate: boolean): Promise<void> {
  const ns = `label=com.docker.stack.namespace=${raw.stack}`;
  await until(`${raw.stack} healthy`, async () => {
    if (afterUpdate) {
      const state = await sh("docker", ["service", "inspect", "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}", `${raw.stack}_app`]);
      if (state.trim() !== "completed") return false;
    }
    return (await sh("docker", ["ps", "-q", "--filter", ns, "--filter", "health=healthy"])).trim() !== "";
  });
}

async function rawGone(raw: Raw): Promise<void> {
  await sh("docker", ["stack", "rm", raw.stack]);
  const f = ["-q", "--filter", `label=com.docker.stack.namespace=${raw.stack}`];
  await until(`${raw.stack} gone`, async () => {
    const [s, c, n] = await Promise.all([sh("docker", ["service", "ls", ...f]), sh("docker", ["ps", "-a", ...f]), sh("docker", ["network", "ls", ...f])]);
    return !s.trim() && !c.trim() && !n.trim();
  });
}

/** The baseline: restore copy, deploy v1, healthy, deploy v2, healthy, stack rm, gone. */
async function rawSequence(raw: Raw, steps: Record<string, number[]>): Promise<void> {
  const step = async (name: string, fn: () => Promise<unknown>) => (steps[name] ??= []).push(await timed(fn));
  // The restore copy: the files a v2 migration changes (every record and the schema marker).
  await step("restore", () => sh("cp", ["-a", "--", join(raw.v1data, "records"), join(raw.v1data, "schema"), `${raw.mount}/`]));
  await step("v1", async () => (await rawDeploy(raw, raw.dirs.v1), await rawHealthy(raw, false)));
  await step("v2", async () => (await rawDeploy(raw, raw.dirs.v2), await rawHealthy(raw, true)));
  await step("rm", () => rawGone(raw));
}

async function rawSetup(env: DemoEnv): Promise<Raw> {
  const stack = `ccw-bench-${env.hex}-raw`;
  const dirs = { v1: join(env.dir, "raw-v1"), v2: join(env.dir, "raw-v2") };
  for (const [tag, dir] of Object.entries(dirs)) {
    await sh("git", ["clone", "--quiet", "--shared", "--", env.repo, dir]);
    await sh("git", ["-C", dir, "checkout", "--quiet", "--detach", tag]);
  }
  const entrypointVersion = /ENTRYPOINT_VERSION=(\S+)/.exec(readFileSync(join(dirs.v1, "abra.sh"), "utf8"))![1]!;
  const envVars = {
    STACK_NAME: stack, DOMAIN: `raw.${env.ciDomain}`, SECRET_DEMO_TOKEN_VERSION: "v1", ENTRYPOINT_VERSION: entrypointVersion,
    SEED_SECONDS: String(SEED_SECONDS), HEALTH_START_PERIOD: `${SEED_SECONDS + 30}s`,
  };
  await execa("docker", ["secret", "create", `${stack}_demo_token_v1`, "-"], { input: "ccw-bench-token-0123456789abcdef" });
  const raw: Raw = { stack, env: envVars, dirs, mount: "", v1data: join(env.dir, "raw-v1data") };
  console.error("  seeding the raw stack at v1 …");
  await rawDeploy(raw, dirs.v1);
  await rawHealthy(raw, false);
  await rawGone(raw);
  raw.mount = (await sh("docker", ["volume", "inspect", "--format", "{{.Mountpoint}}", `${stack}_data`])).trim();
  await sh("cp", ["-a", "--", raw.mount, raw.v1data]);
  return raw;
}

/** The quick lane vs the raw docker commands (and restore copy) it issues, interleaved. */
export async function benchQuickOverhead(): Promise<BenchRow[]> {
  return withDemo(async (env) => {
    const raw = await rawSetup(env);
    await quick(env); // warm-up, as in quick-vs-cold
    const steps: Record<string, number[]> = {};
    await rawSequence(raw, {});
    const { ours, base } = await interleave(ROUNDS, { log: "quick-overhead", ours: () => quick(env), base: () => rawSequence(raw, steps) });
    const split = Object.entries(steps).map(([k, v]) => `${k} ${(median(v) / 1000).toFixed(1)}`).join(", ");
    return [row("quick-overhead", `cc-warm quick ref=v2 vs the raw sequence (cp -a restore, stack deploy v1, healthy, deploy v2, healthy, stack rm, gone; median of ${ROUNDS})`, median(ours) / 1000, median(base) / 1000, "s", { op: "<=", value: 1.15 },
      `raw steps (s): ${split}; load ${load()}`)];
  });
}
