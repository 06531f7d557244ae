// `cc-warm status` as real processes (Node bundle and Deno sources): a lock held by another real
// process shows with its pid and purpose, the sweep's own results file is shown, --json puts
// only JSON Lines on stdout with the report in the last line, the table goes to stderr, and
// nothing under the state dir changes.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raiseAlert } from "../../lib/alerts/mod.ts";
import { updateCanonical } from "../../lib/canonical/registry.ts";
import { countRows, type SweepRow, writeSweepResults } from "../../tasks/sweep/results.ts";
import type { StatusReport } from "../../tasks/status/types.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";
import { type Contender, spawnContender } from "../helpers/lock-spawn.ts";

let work: string;
let stateDir: string;
let config: string;
let holder: Contender;

async function tree(): Promise<string[]> {
  const names = (await readdir(stateDir, { recursive: true })).map(String).sort();
  return Promise.all(names.map(async (n) => { const s = await stat(join(stateDir, n)); return `${n} ${s.size} ${s.mtimeMs}`; }));
}

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), "ccw-test-status-cli-"));
  stateDir = join(work, "state");
  config = join(work, "config.json");
  await writeFile(config, JSON.stringify({ stateDir, recipes: { demo: { source: "/src/demo" }, wiki: { source: "/src/wiki" } }, sweep: { schedule: "15 1 * * 0" } }));
  await mkdir(stateDir);
  await updateCanonical(stateDir, "demo", { knownGoodCommit: "3f2a1b0c9d8e7f6a5b4c", version: "1.1.0", manifestDigest: "ab".repeat(32), promotedAt: new Date(Date.now() - 26 * 3_600_000).toISOString() });
  await raiseAlert(stateDir, { what: "keycloak upgrade rolled back", why: "health check failed", app: "keycloak" });
  const rows: SweepRow[] = [
    { recipe: "demo", ref: "1.1.0", commit: "3f2a1b0c9d8e7f6a5b4c", verdict: "green", coldExitCode: 0, durationMs: 1000, promotion: "promoted", reason: null, canonical: "3f2a1b0c9d8e7f6a5b4c" },
    { recipe: "wiki", ref: "2.0.0", commit: "9e8d7c6b5a4f3e2d1c0b", verdict: "red", coldExitCode: 1, durationMs: 2000, promotion: "not-eligible", reason: "cold run failed", canonical: null },
  ];
  await writeSweepResults(stateDir, { format: 1, sweepId: "s1", status: "completed", startedAt: "2026-01-04T01:15:00.000Z", finishedAt: "2026-01-04T01:20:00.000Z", durationMs: 300_000, maxTests: 2, reconcile: [], recipes: rows, counts: countRows(rows), exitCode: 1 });
  holder = spawnContender({ stateDir, name: "wiki", logFile: join(work, "lock.log"), holdMs: -1, label: "holder" });
  await holder.next(["entered"], 60_000);
});
afterAll(async () => {
  holder?.child.kill("SIGTERM");
  await holder?.exited;
  await rm(work, { recursive: true, force: true });
});

describe("cc-warm status (real processes)", () => {
  it("--json: JSON Lines only, the report last; the table on stderr; nothing changed", async () => {
    const before = await tree();
    const res = await startCli("node", ["status", "--json", "--config", config]);
    expect(res.exitCode, res.stderr).toBe(0);
    const lines = jsonLines(res.stdout);
    const result = lines.at(-1) as { type: string; graph: string; report: StatusReport };
    expect(result).toMatchObject({ type: "result", graph: "status" });
    const r = result.report;
    expect(r.recipes?.map((x) => [x.recipe, x.canonical, x.knownGoodCommit, x.version])).toEqual([["demo", true, "3f2a1b0c9d8e7f6a5b4c", "1.1.0"], ["wiki", false, undefined, undefined]]);
    expect(r.recipes?.[0]?.ageSeconds).toBeGreaterThanOrEqual(26 * 3600 - 60);
    expect(r.locks).toEqual([{ name: "wiki", deadTickets: 0, waiters: [], holder: expect.objectContaining({ pid: holder.child.pid, purpose: "test holder" }) }]);
    expect(r.alerts?.map((a) => a.what)).toEqual(["keycloak upgrade rolled back"]);
    expect(r.sweep).toMatchObject({ schedule: "15 1 * * 0", description: "At 01:15, only on Sunday", onCalendar: "Sun *-*-* 01:15:00" });
    expect(r.sweep?.last).toMatchObject({ at: "2026-01-04T01:20:00.000Z", verdict: "completed" });
    expect(r.sweep?.last?.rows.map((x) => [x.recipe, x.verdict, x.promotion])).toEqual([["demo", "green", "promoted"], ["wiki", "red", "not-eligible"]]);
    expect(res.stderr).toMatch(new RegExp(`\\n {2}wiki +pid ${holder.child.pid}@\\S+ for \\S+ \\(test holder\\) +-\\n`));
    expect(res.stderr).toMatch(/\n {2}demo +3f2a1b0c9d8e +1\.1\.0 +1d0[12]h ago/);
    expect(res.stderr).toMatch(/\n {4}demo +green +promoted +1\.1\.0/);
    expect(await tree()).toEqual(before);
  });

  it("the same view under Deno from the sources", async () => {
    const res = await startCli("deno", ["status", "--config", config]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/RECIPES\n[\s\S]*DISK\n[\s\S]*LOCKS\n[\s\S]*ALERTS \(1 unacknowledged\)\n[\s\S]*SWEEP\n/);
    expect(res.stderr).toContain(`pid ${holder.child.pid}@`);
    expect(res.stderr.trimEnd().split("\n").at(-1)).toMatch(/^status: 2 recipe\(s\), 1 with a canonical; 1 lock\(s\) held; 1 open alert\(s\); 2 item\(s\) need attention \(.*exit 0\)$/);
    expect(res.stderr).toMatch(/NEEDS ATTENTION\n {2}! 1 unacknowledged alert\(s\)\n {2}! demo: the known-good snapshot directory is missing\n/);
  });
});
