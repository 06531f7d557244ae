// cc-warm status, in-process: the report's sections from a real temp state dir (registry,
// MANIFEST, locks held by this process, alerts, a sweep summary), read-only, hostile strings
// kept off the terminal, a damaged section reported without hiding the others.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acknowledgeAlert, raiseAlert } from "../../lib/alerts/mod.ts";
import { updateCanonical } from "../../lib/canonical/registry.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { configSchema } from "../../lib/config/schema.ts";
import { acquireLock } from "../../lib/lock/mod.ts";
import { runGraph } from "../../lib/runner/run.ts";
import { writeManifest } from "../../lib/volumes/manifest.ts";
import type { Manifest } from "../../lib/volumes/manifest-schema.ts";
import { concludeStatus } from "../../tasks/status/conclude.ts";
import { diskLevel } from "../../tasks/status/disk.ts";
import { statusGraph } from "../../tasks/status/graph.ts";
import { recipeStatuses } from "../../tasks/status/recipes.ts";
import { readLastSweepJson } from "../../tasks/status/sweep.ts";
import { formatAge, formatTable, safeText } from "../../tasks/status/table.ts";
import type { StatusReport } from "../../tasks/status/types.ts";

let root: string;
let stateDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "ccw-test-status-"));
  stateDir = join(root, "state");
});
afterEach(async () => void (await rm(root, { recursive: true, force: true })));

const envFor = (extra: Record<string, unknown> = {}): CommandEnv => ({
  config: configSchema.parse({ stateDir, recipes: { demo: { source: "/src/demo" }, wiki: {} }, disk: { warnAtPercent: 1, pruneAtPercent: 99, pruneDownToPercent: 50 }, ...extra }),
  env: {},
});
const seedCanonical = async (recipe: string, e: Partial<Parameters<typeof updateCanonical>[2]> = {}) => {
  await mkdir(stateDir, { recursive: true });
  return updateCanonical(stateDir, recipe, entry(e));
};
const entry = (e: Partial<Parameters<typeof updateCanonical>[2]> = {}) => ({ knownGoodCommit: "3f2a1b0c9d8e7f6a", manifestDigest: "ab".repeat(32), promotedAt: "2026-01-01T00:00:00.000Z", ...e });
const file = (path: string, size: number) => ({ path, type: "file" as const, size, mode: 0o644, uid: 0, gid: 0, mtimeNs: "0", sha256: "cd".repeat(32) });

async function seedKnownGood(recipe: string, sizes: number[]): Promise<void> {
  const dir = join(stateDir, recipe, "known-good");
  await mkdir(dir, { recursive: true });
  const manifest: Manifest = {
    format: 1, recipe, commit: "3f2a1b0c9d8e7f6a", imageDigests: {}, createdAt: "2026-01-01T00:00:00.000Z",
    volumes: [{ key: "data", name: `warm-${recipe}_data`, mountpoint: "/x", entries: [{ ...file(".", 0), type: "dir" }, ...sizes.map((s, i) => file(`f${i}`, s))] }],
  };
  await writeManifest(dir, manifest);
}

async function tree(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).map(String).sort();
  return Promise.all(names.map(async (n) => { const s = await stat(join(dir, n)); return `${n} ${s.size} ${s.mtimeMs}`; }));
}

async function status(env: CommandEnv) {
  const run = await runGraph(statusGraph(env), {});
  return { run, ...concludeStatus(run, env) };
}

describe("status sections", () => {
  it("recipes: known-good commit, version, age, MANIFEST size, dirty, quick runs; unenrolled and missing snapshots flagged", async () => {
    await seedCanonical("demo", { version: "1.2.0" });
    await updateCanonical(stateDir, "demo", (c) => c && { ...c, dirty: true, dirtySince: "2026-01-02T00:00:00.000Z", quickRuns: 3, lastQuickAt: "2026-01-02T00:00:00.000Z", lastQuickVerdict: "pass" });
    await seedKnownGood("demo", [100, 23]);
    await seedCanonical("gone");
    const rows = await recipeStatuses(envFor().config, new Date("2026-01-03T00:00:00.000Z"));
    expect(rows.map((r) => r.recipe)).toEqual(["demo", "wiki", "gone"]);
    expect(rows[0]).toMatchObject({
      enrolled: true, canonical: true, knownGoodCommit: "3f2a1b0c9d8e7f6a", version: "1.2.0", promotedAt: "2026-01-01T00:00:00.000Z",
      ageSeconds: 2 * 86_400, knownGoodBytes: 123, sizeFrom: "manifest", dirty: true, dirtySince: "2026-01-02T00:00:00.000Z", quickRuns: 3, lastQuickVerdict: "pass",
    });
    expect(rows[0]!.problem).toBeUndefined();
    expect(rows[1]).toEqual({ recipe: "wiki", enrolled: true, canonical: false });
    expect(rows[2]).toMatchObject({ enrolled: false, canonical: true, knownGoodBytes: undefined });
    expect(rows[2]!.problem).toMatch(/no longer enrolled.*known-good snapshot directory is missing/);
  });

  it("falls back to du when the MANIFEST is damaged, and says so", async () => {
    await seedCanonical("demo");
    await mkdir(join(stateDir, "demo", "known-good"), { recursive: true });
    await writeFile(join(stateDir, "demo", "known-good", "MANIFEST"), "{not json");
    const [demo] = await recipeStatuses(envFor().config, new Date());
    expect(demo!.sizeFrom).toBe("du");
    expect(demo!.knownGoodBytes).toBeGreaterThan(0);
    expect(demo!.problem).toMatch(/MANIFEST is not valid JSON/);
  });

  it("disk level against the thresholds", () => {
    const policy = { warnAtPercent: 80, pruneAtPercent: 85 };
    expect([79.9, 80, 84.9, 85, 100].map((p) => diskLevel(p, policy))).toEqual(["ok", "warn", "warn", "prune", "prune"]);
  });

  it("reads sweep summaries of either shape, and survives junk", () => {
    expect(readLastSweepJson({ finishedAt: "2026-01-01T02:10:00Z", verdict: "passed", results: [{ recipe: "demo", verdict: "passed", promoted: true, nested: { x: 1 } }] }, "f")).toEqual({
      file: "f", at: "2026-01-01T02:10:00Z", verdict: "passed", rows: [{ recipe: "demo", verdict: "passed", promoted: true }],
    });
    expect(readLastSweepJson({ startedAt: "t", recipes: { demo: { status: "failed" }, wiki: "skipped" } }, "f").rows).toEqual([{ recipe: "demo", status: "failed" }, { recipe: "wiki", result: "skipped" }]);
    expect(readLastSweepJson([1, 2], "f")).toMatchObject({ rows: [], problem: "not a JSON object" });
    expect(readLastSweepJson({ rows: "nope" }, "f").rows).toEqual([]);
  });

  it("table helpers: aligned columns, ages, control characters neutralised", () => {
    expect(formatTable([["a", "bb", "c"], ["ccc", "d", "e"]])).toEqual(["a    bb  c", "ccc  d   e"]);
    expect([59, 60, 3_600, 3_660, 93_600].map(formatAge)).toEqual(["59s", "1m", "1h00m", "1h01m", "1d02h"]);
    expect(safeText("a\nb\x1b[2J\u202ec")).toBe("a b [2J c");
    expect(safeText("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("the status graph", () => {
  it("reports everything, changes nothing, and does not create a missing state dir", async () => {
    const { exitCode, result, summary } = await status(envFor());
    expect(exitCode).toBe(0);
    const report = result.report as StatusReport;
    expect(report.recipes?.map((r) => r.canonical)).toEqual([false, false]);
    expect(report.disk?.map((d) => [d.role, d.exists, d.measuredAt])).toEqual([["stateDir", false, root], ["dockerRoot", true, "/var/lib/docker"]]);
    expect(report.locks).toEqual([]);
    expect(report.sweep).toMatchObject({ schedule: "0 2 * * *", description: "At 02:00", onCalendar: "*-*-* 02:00:00", last: undefined });
    expect(summary).toContain("(no sweep recorded yet)");
    expect(await readdir(root)).toEqual([]);
  });

  it("shows holders, waiters, open alerts, the last sweep and what needs attention; read-only", async () => {
    await seedCanonical("demo");
    await seedKnownGood("demo", [5]);
    const held = await acquireLock(stateDir, "demo", { purpose: "quick demo refs/pull/7/head" });
    const waiting = acquireLock(stateDir, "demo", { purpose: "quick demo refs/pull/8/head", pollMs: 20 });
    try {
      const a1 = await raiseAlert(stateDir, { what: "keycloak upgrade\nrolled back\x1b[31m", why: "health check failed", app: "keycloak" });
      const a2 = await raiseAlert(stateDir, { what: "seen already", why: "old" });
      await acknowledgeAlert(stateDir, a2.id, { by: "test" });
      await mkdir(join(stateDir, "sweeps"), { recursive: true });
      await writeFile(join(stateDir, "sweeps", "latest.json"), JSON.stringify({ finishedAt: "2026-01-01T02:30:00Z", results: [{ recipe: "demo", verdict: "passed", promoted: true }, { recipe: "wiki", verdict: "failed", promoted: false }] }));
      await new Promise((r) => setTimeout(r, 100)); // the waiter's ticket is on disk
      const before = await tree(stateDir);
      const { exitCode, result, summary } = await status(envFor({ sweep: { schedule: "30 3 * * 1-5", onCalendar: "Mon..Fri *-*-* 03:30:00" } }));
      expect(await tree(stateDir)).toEqual(before);
      expect(exitCode).toBe(0);
      const report = result.report as StatusReport;
      expect(report.locks).toEqual([{
        name: "demo", deadTickets: 0,
        holder: { pid: process.pid, host: held.holder.host, since: held.holder.since, purpose: "quick demo refs/pull/7/head" },
        waiters: [expect.objectContaining({ pid: process.pid, purpose: "quick demo refs/pull/8/head" })],
      }]);
      expect(report.alerts?.map((a) => a.id)).toEqual([a1.id]);
      expect(report.sweep?.description).toBe("At 03:30, Monday through Friday");
      expect(report.sweep?.onCalendar).toBe("Mon..Fri *-*-* 03:30:00");
      expect(report.sweep?.last?.rows).toEqual([{ recipe: "demo", verdict: "passed", promoted: true }, { recipe: "wiki", verdict: "failed", promoted: false }]);
      // warnAtPercent 1: any real disk is at "warn".
      expect(report.disk?.every((d) => d.level === "warn")).toBe(true);
      expect(report.attention).toContain("1 unacknowledged alert(s)");
      expect(report.attention.filter((a) => /^(stateDir|dockerRoot) \/\S+ is [\d.]+% used \(above the warning threshold\)$/.test(a))).toHaveLength(2);
      // The human table: one line per row, escapes neutralised.
      expect(summary).toMatch(/\n {2}demo +3f2a1b0c9d8e +- +\S+ ago +5 B +no +0 +- *\n/);
      expect(summary).toMatch(/demo +pid \d+@\S+ for \S+ \(quick demo refs\/pull\/7\/head\) +pid \d+@\S+ for \S+ \(quick demo refs\/pull\/8\/head\)/);
      expect(summary).toContain("keycloak upgrade rolled back [31m");
      expect(summary).not.toContain("\x1b");
      expect(summary).toMatch(/wiki +failed +false/);
      expect(summary.split("\n").at(-1)).toMatch(/^status: 2 recipe\(s\), 1 with a canonical; 1 lock\(s\) held; 1 open alert\(s\); \d+ item\(s\) need attention$/);
    } finally {
      await held.release();
      await (await waiting).release();
    }
  });

  it("a damaged registry fails its section only: exit 3, the rest still reported", async () => {
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, "registry.json"), JSON.stringify({ version: 1, canonicals: { demo: { recipe: "demo" } } }));
    await mkdir(join(stateDir, "sweeps"));
    await writeFile(join(stateDir, "sweeps", "latest.json"), "{broken");
    const { exitCode, result, summary } = await status(envFor());
    expect(exitCode).toBe(3);
    expect(Object.keys(result.unreadable as object)).toEqual(["recipes"]);
    expect((result.unreadable as Record<string, string>).recipes).toMatch(/registry\.json: canonicals\.demo\.knownGoodCommit/);
    const report = result.report as StatusReport;
    expect(report.recipes).toBeUndefined();
    expect(report.disk).toHaveLength(2);
    expect(report.sweep?.last?.problem).toMatch(/not valid JSON/);
    expect(report.attention.some((a) => a.startsWith("last sweep"))).toBe(true);
    expect(summary).toMatch(/RECIPES\n {2}could not read: .*registry\.json/);
    expect(summary.split("\n").at(-1)).toBe("status: could not read recipes");
  });
});
