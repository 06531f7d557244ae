#!/usr/bin/env node
// The main job on a fresh machine, end to end (`npm run demo`):
//   bring up the local swarm → cold run of a recipe at its latest release → promote it (seeds the
//   canonical) → quick lane with a migration PR (PASS) → quick lane with a PR that breaks
//   (FAIL, rolled back) → a cold run of the same upgrade, for comparison.
// The recipe is examples/recipes/ledger (PostgreSQL with real rows; its first start seeds for tens
// of seconds, which the quick lane skips) unless `--recipe=demo` picks the busybox demo, the fast
// smoke path (`npm run demo:smoke`). Prints what happened and how long each step took.
// `--keep` leaves the canonical in place.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

/** What the demo needs to know of each recipe: its latest release and two pull requests made from its repository. */
const RECIPES = {
  ledger: {
    latest: "1.0.0+15",
    // 1.1.0's migration plays an open pull request (its tag is dropped, so 1.0.0 is the latest
    // release); pr-broken-migration is a branch already.
    prs: { "pr-migrate": "1.1.0+15" },
    unreleased: ["1.1.0+15"],
    pass: { ref: "pr-migrate", what: "schema 1 → 2: categories and account balances, on the seeded rows" },
    fail: { ref: "pr-broken-migration", what: "its migration fails half-way, the app never gets healthy" },
    note: "",
  },
  demo: {
    latest: "v1",
    prs: { "pr-migrate": "v2", "pr-damage": "broken" },
    unreleased: ["v2"],
    pass: { ref: "pr-migrate", what: "schema 1 → 2" },
    fail: { ref: "pr-damage", what: "breaks its data, never healthy" },
    note: "; the demo seeds in 0 s — a real app's first start costs more, which quick skips",
  },
};

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: opts } = parseArgs({ options: { keep: { type: "boolean" }, recipe: { type: "string", default: "ledger" }, help: { type: "boolean" } } });
if (opts.help) {
  process.stdout.write(`usage: npm run demo [-- --recipe=ledger|demo] [--keep]\n  --recipe  ledger (default: PostgreSQL, real rows) or demo (busybox, the fast smoke path: npm run demo:smoke)\n  --keep    leave the canonical and its state in place (scripts/demo-clean.sh removes them)\n`);
  process.exit(0);
}
const keep = opts.keep === true;
const recipe = opts.recipe;
const spec = RECIPES[recipe];
if (!spec) {
  process.stderr.write(`--recipe: ${JSON.stringify(recipe)} is not one of ${Object.keys(RECIPES).join(", ")}\n`);
  process.exit(2);
}
const work = process.env.CC_WARM_DEMO_DIR ?? "/var/tmp/cc-warm-demo";
const say = (s) => process.stderr.write(`\n\x1b[1m== ${s}\x1b[0m\n`);

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...opts });
}

/** Run the CLI with --json; stream its human output; return the final result object and wall time. */
function ccWarm(args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [`${root}dist/cli.js`, ...args, "--json", "--config", `${work}/config.json`], { cwd: root });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.pipe(process.stderr);
    child.on("close", (code) => {
      const lines = out.split("\n").filter(Boolean).map((l) => JSON.parse(l));
      for (const e of lines) {
        if (e.type === "task-end") process.stderr.write(`   ${e.state === "succeeded" ? "✔" : e.state === "failed" ? "✖" : "↷"} ${e.task.padEnd(14)} ${(e.durationMs / 1000).toFixed(1)}s${e.error ? `  ${e.error.message.slice(0, 120)}` : ""}\n`);
      }
      resolve({ code, result: lines.at(-1) ?? {}, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

const steps = [];
const record = (what, r, expect) => {
  steps.push({ what, seconds: r.seconds, exit: r.code, verdict: r.result.verdict ?? r.result.promotion ?? "", ok: expect(r) });
  process.stderr.write(`   → exit ${r.code}, ${r.result.verdict ?? ""} ${r.result.promotion ?? ""} (${r.seconds.toFixed(1)}s)\n`);
};

if (!existsSync(`${root}dist/cli.js`)) {
  const t0 = Date.now();
  process.stderr.write("==> building dist/ (tsup) …\n");
  sh("npx", ["--no-install", "tsup"]);
  process.stderr.write(`==> building dist/: done in ${Math.round((Date.now() - t0) / 1000)} s\n`);
}

// The deployer's preflight (with CC_WARM_DEPLOYER=abra: the abra binary and its version) runs
// before anything is brought up, so a missing abra stops the demo with cc-warm's exit-3 message.
const preflight = spawnSync(process.execPath, [`${root}dist/cli.js`, "selftest"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (preflight.status !== 0) {
  process.stderr.write(`demo stopped before any side effect: cc-warm's preflight exited ${preflight.status}\n`);
  process.exit(preflight.status ?? 3);
}

say("infrastructure: dockerd, single-node swarm, local images (scripts/infra/up.sh; a fresh machine installs and builds for a few minutes, a ready one only checks)");
let t = Date.now();
sh("bash", ["scripts/infra/up.sh", "--no-keycloak"], { stdio: "inherit" });
steps.push({ what: "infrastructure up", seconds: (Date.now() - t) / 1000, exit: 0, verdict: "ready", ok: true });

say(`${recipe} recipe repository and config under ${work}`);
if (existsSync(`${work}/config.json`)) sh("bash", ["scripts/demo-clean.sh", work], { stdio: "inherit" });
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const repo = `${work}/recipes/${recipe}`;
sh("bash", [`examples/recipes/${recipe}/make-repo.sh`, repo]);
const git = (...a) => sh("git", ["-C", repo, ...a]).trim();
for (const [branch, from] of Object.entries(spec.prs)) git("branch", branch, from);
for (const tag of spec.unreleased) git("tag", "-d", tag);
writeFileSync(`${work}/config.json`, JSON.stringify({
  stateDir: `${work}/state`,
  ciDomain: "demo.ccw.local",
  recipes: { [recipe]: { source: repo, convergeTimeoutMinutes: 5 } },
}, null, 2));
const { latest, pass, fail } = spec;

say(`1. cold run of the latest release (${latest}): fresh app, assert, tear down`);
record(`cold run ${latest}`, await ccWarm(["cold", `recipe=${recipe}`, `ref=${latest}`]), (r) => r.code === 0);

say(`2. promote the green cold run: seeds the canonical warm-${recipe}.demo.ccw.local + known-good snapshot`);
const promoted = await ccWarm(["promote", `recipe=${recipe}`, "verdict=green", "mode=cold", `ref=${latest}`]);
record("promote (seed canonical)", promoted, (r) => r.code === 0 && r.result.promotion === "promoted");

const quickPass = `quick ${pass.ref}`;
say(`3. quick lane: PR ${pass.ref} (${pass.what}) on the canonical's real data`);
record(quickPass, await ccWarm(["quick", `recipe=${recipe}`, `ref=${pass.ref}`]), (r) => r.code === 0 && r.result.verdict === "passed");

say(`4. quick lane: PR ${fail.ref} (${fail.what}) → FAIL, data rolled back`);
const damaged = await ccWarm(["quick", `recipe=${recipe}`, `ref=${fail.ref}`]);
record(`quick ${fail.ref}`, damaged, (r) => r.code === 1 && r.result.verdict === "failed" && r.result.rolledBack === true);

const coldUpgrade = `cold run ${latest} → ${pass.ref}`;
say(`5. for comparison: the same upgrade as a cold run (deploy ${latest} from scratch, upgrade, assert, tear down)`);
record(coldUpgrade, await ccWarm(["cold", `recipe=${recipe}`, `from=${latest}`, `ref=${pass.ref}`]), (r) => r.code === 0);

say("6. status");
const status = await ccWarm(["status"]);
const digestBefore = promoted.result.manifestDigest ?? promoted.result.knownGoodDigest;
const digestAfter = damaged.result.knownGoodDigest;
steps.push({ what: "known-good unchanged by quick", seconds: status.seconds, exit: status.code, verdict: digestBefore && digestAfter ? (digestBefore === digestAfter ? "same digest" : "CHANGED") : "n/a", ok: !digestBefore || !digestAfter || digestBefore === digestAfter });

say("summary");
const w = Math.max(...steps.map((s) => s.what.length));
for (const s of steps) process.stdout.write(`${s.ok ? "✔" : "✖"} ${s.what.padEnd(w)}  ${s.seconds.toFixed(1).padStart(6)}s  exit ${String(s.exit).padEnd(2)} ${s.verdict}\n`);
const q = steps.find((s) => s.what === quickPass);
const c = steps.find((s) => s.what === coldUpgrade);
if (q && c) process.stdout.write(`\n${recipe}: quick lane ${q.seconds.toFixed(1)}s vs cold ${c.seconds.toFixed(1)}s for the same upgrade (${(q.seconds / c.seconds).toFixed(2)}×${spec.note})\n`);

if (!keep) {
  say("cleaning up (pass --keep to leave the canonical and its state in place)");
  sh("bash", ["scripts/demo-clean.sh", work], { stdio: "inherit" });
}
process.exitCode = steps.every((s) => s.ok) ? 0 : 1;
