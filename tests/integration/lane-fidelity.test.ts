// The lane-fidelity matrix on the real swarm: for each PR shape of the fidelity test recipe
// (tests/fixtures/recipes/fidelity), in a single-service and a multi-service flavour, quick and
// `cold from=good ref=<shape>` must give the same verdict, and the expected one. After every quick
// FAIL each canonical volume is byte-identical to the known-good's MANIFEST, and the next quick
// run (the next row, always a passing one) starts clean: exit 0, no restore needed.
// One canonical per flavour, shared by its rows; quick and cold of a row run side by side.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { canonicalApp } from "../../lib/canonical/app.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import { snapshotLayout } from "../../lib/volumes/layout.ts";
import { verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/verify.ts";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { removeCanonical, seedCanonical, warmConfig } from "./helpers/warm.ts";

type Flavour = "single" | "multi";
type Verdict = "passed" | "failed";
interface Row {
  shape: string;
  ref: string;
  expect: Verdict;
  /** Shapes that need a second service make no sense for the single-service flavour. */
  multiOnly?: boolean;
  /** What both lanes' upgrade must report doing (env keys and secrets, by name). */
  steps?: string[];
}

// Order matters: every FAIL row is followed by a PASS row, whose quick run proves the rollback
// left the canonical clean.
const ROWS: Row[] = [
  { shape: "docs-only (no-op)", ref: "docs-only", expect: "passed" },
  { shape: "the known-good ref itself", ref: "good", expect: "passed" },
  { shape: "image/spec change", ref: "spec-change", expect: "passed" },
  { shape: "one service of several changed", ref: "one-service", expect: "passed", multiOnly: true },
  { shape: "broken migration", ref: "broken-migration", expect: "failed" },
  { shape: "env key added", ref: "env-added", expect: "passed", steps: ["GREETING"] },
  { shape: "secret added", ref: "secret-added", expect: "passed", steps: ["SECRET_API_KEY_VERSION", "api_key_v1"] },
  { shape: "secret version bumped", ref: "secret-bumped", expect: "passed" },
  { shape: "never-healthy", ref: "never-healthy", expect: "failed" },
  { shape: "config changed", ref: "config-changed", expect: "passed" },
  { shape: "volume added", ref: "volume-added", expect: "passed" },
  { shape: "volume added + failing", ref: "volume-added-broken", expect: "failed" },
  { shape: "volume removed", ref: "volume-removed", expect: "passed" },
  { shape: "service added", ref: "service-added", expect: "passed", multiOnly: true },
  { shape: "one-shot init service", ref: "oneshot-init", expect: "passed", multiOnly: true },
];

const RECIPES: Record<Flavour, string> = { single: "fidelity-one", multi: "fidelity-multi" };
let env: ReturnType<typeof warmConfig>;
const table: string[][] = [];

beforeAll(async () => {
  await ensureBuilt();
  const base = mkdtempSync(join(tmpdir(), "ccw-fidelity-"));
  const sources: Record<string, { source: string; convergeTimeoutMinutes: number }> = {};
  for (const [flavour, recipe] of Object.entries(RECIPES)) {
    const dir = join(base, flavour);
    await execa("bash", [`${ROOT}tests/fixtures/recipes/fidelity/make-repo.sh`, dir, flavour]);
    // Short: a row that should converge does so in seconds; never-healthy fails by rollback.
    sources[recipe] = { source: dir, convergeTimeoutMinutes: 1 };
  }
  env = warmConfig(sources);
  await Promise.all(Object.values(RECIPES).map((r) => seedCanonical(env.config, r, "good")));
}, 300_000);

afterAll(async () => {
  if (!env) return;
  // A stack quick just undeployed may still be losing its network ("network … not found"): retry once.
  for (const recipe of Object.values(RECIPES)) {
    await removeCanonical(env.config, recipe).catch(() => new Promise((r) => setTimeout(r, 5000)).then(() => removeCanonical(env.config, recipe)));
  }
  const header = ["recipe", "PR shape", "ref", "expected", "quick", "cold", "quick upgrade steps"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(["lane fidelity (verdict, exit code, seconds):", line(header), ...table.map(line)].join("\n"));
}, 300_000);

interface LaneRun {
  exitCode: number;
  stderr: string;
  verdict: string;
  seconds: number;
  result: Record<string, unknown>;
}

async function lane(args: string[]): Promise<LaneRun> {
  const started = Date.now();
  const res = await startCli("node", [...args, "--json", "--config", env.configPath]);
  const result = jsonLines(res.stdout).at(-1) ?? {};
  return { exitCode: res.exitCode ?? -1, stderr: res.stderr, verdict: String(result.verdict ?? "none"), seconds: (Date.now() - started) / 1000, result };
}

/** Each MANIFEST volume, found by its Docker name, against its MANIFEST entries; and the store itself. */
async function canonicalMatchesManifest(recipe: string) {
  const app = canonicalApp(recipe, env.config);
  const { manifest } = await readManifest(snapshotLayout(env.stateDir, recipe).knownGood);
  const refs = [];
  for (const v of manifest.volumes) {
    const mountpoint = (await execa("docker", ["volume", "inspect", "--format", "{{.Mountpoint}}", v.name])).stdout.trim();
    refs.push({ name: v.name, mountpoint, key: v.key });
  }
  const live = await verifyVolumesAgainstManifest(refs, { stateDir: env.stateDir, recipe, stack: app.stack });
  return { live, stored: await verifySnapshot(env.stateDir, recipe), volumes: manifest.volumes.map((v) => v.key) };
}

const show = (r: LaneRun) => `${r.verdict} ${r.exitCode} ${r.seconds.toFixed(1)}s`;

describe.concurrent("lane fidelity: quick and cold agree on every PR shape", () => {
  for (const flavour of ["multi", "single"] as const) {
    it(`${flavour}-service recipe`, async ({ expect }) => {
      const recipe = RECIPES[flavour];
      let afterFail: string | undefined;
      for (const row of ROWS.filter((r) => flavour === "multi" || !r.multiOnly)) {
        const [quick, cold] = await Promise.all([
          lane(["quick", `recipe=${recipe}`, `ref=${row.ref}`]),
          lane(["cold", `recipe=${recipe}`, "from=good", `ref=${row.ref}`]),
        ]);
        const steps = (r: LaneRun) => {
          const s = r.result.upgradeSteps as { addedEnv: string[]; generatedSecrets: string[] } | null | undefined;
          return s ? [...s.addedEnv, ...s.generatedSecrets] : [];
        };
        table.push([recipe, row.shape, row.ref, row.expect, show(quick), show(cold), steps(quick).join(" ") || "-"]);
        const why = `${recipe} ${row.ref}: quick ${quick.result.reason ?? ""} ${JSON.stringify(quick.result.tasks)} | cold ${cold.result.reason ?? ""} ${JSON.stringify(cold.result.tasks)} ${cold.exitCode > 1 ? cold.stderr.slice(-800) : ""}`;
        expect.soft(quick.verdict, why).toBe(row.expect);
        expect.soft(cold.verdict, why).toBe(row.expect);
        expect.soft(quick.exitCode, why).toBe(row.expect === "passed" ? 0 : 1);
        expect.soft(cold.exitCode, why).toBe(row.expect === "passed" ? 0 : 1);
        if (row.expect === "passed") {
          expect.soft(steps(quick), `${recipe} ${row.ref}: quick upgrade steps`).toEqual(row.steps ?? []);
          expect.soft(steps(cold), `${recipe} ${row.ref}: cold upgrade steps`).toEqual(row.steps ?? []);
        }
        if (afterFail) {
          // The quick run after a FAIL starts from a clean canonical: nothing left to restore.
          expect.soft(quick.result.restoredFirst, `${recipe} ${row.ref} after ${afterFail}`).toBe(false);
          afterFail = undefined;
        }
        if (quick.verdict === "failed" || quick.exitCode !== 0) {
          const { live, stored, volumes } = await canonicalMatchesManifest(recipe);
          expect(stored.ok, `${recipe} ${row.ref}: stored known-good`).toBe(true);
          expect(live.ok, `${recipe} ${row.ref}: canonical volumes ${volumes.join(", ")} vs MANIFEST: ${JSON.stringify(live.mismatches.slice(0, 3))}`).toBe(true);
          afterFail = row.ref;
        }
      }
      expect(afterFail, "the last row must be a passing one").toBeUndefined();
    }, 600_000);
  }
});
