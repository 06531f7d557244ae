#!/usr/bin/env node
// The main job on a fresh machine, end to end (`npm run demo`):
//   bring up the local swarm → cold run of the demo recipe at its latest release (v1) → promote it
//   (seeds the canonical) → quick lane with a migration PR (PASS) → quick lane with a PR that
//   damages the data (FAIL, rolled back) → a cold run of the same upgrade, for comparison.
// Prints what happened and how long each step took. `--keep` leaves the canonical in place.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const keep = process.argv.includes("--keep");
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

if (!existsSync(`${root}dist/cli.js`)) sh("npx", ["--no-install", "tsup"]);

// The deployer's preflight (with CC_WARM_DEPLOYER=abra: the abra binary and its version) runs
// before anything is brought up, so a missing abra stops the demo with cc-warm's exit-3 message.
const preflight = spawnSync(process.execPath, [`${root}dist/cli.js`, "selftest"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (preflight.status !== 0) {
  process.stderr.write(`demo stopped before any side effect: cc-warm's preflight exited ${preflight.status}\n`);
  process.exit(preflight.status ?? 3);
}

say("infrastructure: dockerd, single-node swarm, local images (scripts/infra/up.sh)");
let t = Date.now();
sh("bash", ["scripts/infra/up.sh", "--no-keycloak"], { stdio: "inherit" });
steps.push({ what: "infrastructure up", seconds: (Date.now() - t) / 1000, exit: 0, verdict: "ready", ok: true });

say(`demo recipe repository and config under ${work}`);
if (existsSync(`${work}/config.json`)) sh("bash", ["scripts/demo-clean.sh", work], { stdio: "inherit" });
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
sh("bash", ["examples/recipes/demo/make-repo.sh", `${work}/recipes/demo`]);
// v1 is the latest release; v2's migration and `broken` play two open pull requests.
const git = (...a) => sh("git", ["-C", `${work}/recipes/demo`, ...a]).trim();
git("branch", "pr-migrate", "v2");
git("tag", "-d", "v2");
git("branch", "pr-damage", "broken");
writeFileSync(`${work}/config.json`, JSON.stringify({
  stateDir: `${work}/state`,
  ciDomain: "demo.ccw.local",
  recipes: { demo: { source: `${work}/recipes/demo`, convergeTimeoutMinutes: 5 } },
}, null, 2));

say("1. cold run of the latest release (v1): fresh app, assert, tear down");
record("cold run v1", await ccWarm(["cold", "recipe=demo", "ref=v1"]), (r) => r.code === 0);

say("2. promote the green cold run: seeds the canonical warm-demo.demo.ccw.local + known-good snapshot");
const promoted = await ccWarm(["promote", "recipe=demo", "verdict=green", "mode=cold", "ref=v1"]);
record("promote (seed canonical)", promoted, (r) => r.code === 0 && r.result.promotion === "promoted");

say("3. quick lane: PR pr-migrate (schema 1 → 2) on the canonical's real data");
record("quick pr-migrate", await ccWarm(["quick", "recipe=demo", "ref=pr-migrate"]), (r) => r.code === 0 && r.result.verdict === "passed");

say("4. quick lane: PR pr-damage (breaks its data, never healthy) → FAIL, data rolled back");
const damaged = await ccWarm(["quick", "recipe=demo", "ref=pr-damage"]);
record("quick pr-damage", damaged, (r) => r.code === 1 && r.result.verdict === "failed" && r.result.rolledBack === true);

say("5. for comparison: the same upgrade as a cold run (deploy v1 from scratch, upgrade, assert, tear down)");
record("cold run v1 → pr-migrate", await ccWarm(["cold", "recipe=demo", "from=v1", "ref=pr-migrate"]), (r) => r.code === 0);

say("6. status");
const status = await ccWarm(["status"]);
const digestBefore = promoted.result.manifestDigest ?? promoted.result.knownGoodDigest;
const digestAfter = damaged.result.knownGoodDigest;
steps.push({ what: "known-good unchanged by quick", seconds: status.seconds, exit: status.code, verdict: digestBefore && digestAfter ? (digestBefore === digestAfter ? "same digest" : "CHANGED") : "n/a", ok: !digestBefore || !digestAfter || digestBefore === digestAfter });

say("summary");
const w = Math.max(...steps.map((s) => s.what.length));
for (const s of steps) process.stdout.write(`${s.ok ? "✔" : "✖"} ${s.what.padEnd(w)}  ${s.seconds.toFixed(1).padStart(6)}s  exit ${String(s.exit).padEnd(2)} ${s.verdict}\n`);
const quickPass = steps.find((s) => s.what === "quick pr-migrate");
const coldUpgrade = steps.find((s) => s.what === "cold run v1 → pr-migrate");
if (quickPass && coldUpgrade) process.stdout.write(`\nquick lane ${quickPass.seconds.toFixed(1)}s vs cold ${coldUpgrade.seconds.toFixed(1)}s for the same upgrade (${(quickPass.seconds / coldUpgrade.seconds).toFixed(2)}×; the demo seeds in 0 s — a real app's first start costs more, which quick skips)\n`);

if (!keep) {
  say("cleaning up (pass --keep to leave the canonical and its state in place)");
  sh("bash", ["scripts/demo-clean.sh", work], { stdio: "inherit" });
}
process.exitCode = steps.every((s) => s.ok) ? 0 : 1;
