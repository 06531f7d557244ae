// The history files: record shape and size, append + rotation + retention, reading back newest
// first through the schema with bad and torn lines reported and skipped.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { appendHistory } from "../../lib/history/append.ts";
import { historyLine, historyRecordFromResult, MAX_RECORD_BYTES } from "../../lib/history/from-result.ts";
import { historyLayout, rotatedSegmentName, rotatedSegments } from "../../lib/history/layout.ts";
import { type BadHistoryLine, readHistory } from "../../lib/history/read.ts";
import { pruneHistory } from "../../lib/history/rotate.ts";
import { type HistoryRecord, historyRecordSchema } from "../../lib/history/schema.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "ccw-history-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const limits = { segmentBytes: 16_384, maxSegments: 100, maxAgeDays: 365 };
const rec = (i: number, extra: Partial<HistoryRecord> = {}): HistoryRecord => ({
  v: 1, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0, recipe: "demo", runId: `r${i}`, ...extra,
});
const readAll = async (onBad?: (b: BadHistoryLine) => void): Promise<HistoryRecord[]> => {
  const out: HistoryRecord[] = [];
  for await (const r of readHistory(dir, { onBadLine: onBad })) out.push(r);
  return out;
};

describe("historyRecordFromResult", () => {
  const at = new Date("2026-01-01T00:00:00Z");
  test("picks the lane fields of a quick result and nothing else", () => {
    const r = historyRecordFromResult({ type: "result", graph: "quick", exitCode: 1, mode: "quick", verdict: "failed", recipe: "demo", ref: "pr-1", canonical: "aaa", upgradedCommit: "bbb", rolledBack: true, durationMs: 1234, timings: { lock: 3, upgrade: 1000 }, reason: "did not converge", adminPassword: "hunter2", errors: [{ message: "x" }] }, { at })!;
    expect(r).toEqual({ v: 1, at: at.toISOString(), graph: "quick", mode: "quick", verdict: "failed", exitCode: 1, recipe: "demo", ref: "pr-1", commit: "bbb", canonical: "aaa", durationMs: 1234, timings: { lock: 3, upgrade: 1000 }, rolledBack: true, reason: "did not converge" });
    expect(JSON.stringify(r)).not.toContain("hunter2");
    expect(historyRecordSchema.parse(r)).toEqual(r);
  });
  test("graphs that are not kept give no record", () => {
    expect(historyRecordFromResult({ graph: "realm-create", exitCode: 0, verdict: "passed", clientSecret: "s" }, { at })).toBeUndefined();
    expect(historyRecordFromResult({ graph: "status", exitCode: 0 }, { at })).toBeUndefined();
  });
  test("promote, reconcile and sweep map their own fields", () => {
    const p = historyRecordFromResult({ graph: "promote", exitCode: 0, mode: "cold", verdict: "green", recipe: "demo", ref: "v2", promotion: "promoted", target: { commit: "ccc" }, canonical: "ccc" }, { at })!;
    expect(p).toMatchObject({ mode: "cold", verdict: "green", commit: "ccc", promotion: "promoted" });
    const c = historyRecordFromResult({ graph: "reconcile", exitCode: 1, mode: "reconcile", verdict: "rolled-back", app: "keycloak", to: "26.1.0", lastGood: "26.0.0", rolledBack: true }, { at })!;
    expect(c).toMatchObject({ recipe: "keycloak", ref: "26.1.0", canonical: "26.0.0", rolledBack: true });
    const s = historyRecordFromResult({ graph: "sweep", exitCode: 0, verdict: "passed", results: { recipes: [{ recipe: "a", verdict: "green", commit: "c1", durationMs: 5, promotion: "promoted" }, { recipe: "b", verdict: "not-run", promotion: "not-run" }] } }, { at })!;
    expect(s.mode).toBe("cold");
    expect(s.rows).toEqual([{ recipe: "a", verdict: "green", commit: "c1", durationMs: 5, promotion: "promoted" }]);
  });
  test("a huge result is cut to one line of at most PIPE_BUF bytes, marked truncated", () => {
    const recipes = Array.from({ length: 200 }, (_, i) => ({ recipe: `recipe-${i}`, verdict: "green", commit: "c".repeat(40), ref: "v1", durationMs: 1 }));
    const timings = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`task-${"t".repeat(60)}-${i}`, i]));
    const r = historyRecordFromResult({ graph: "sweep", exitCode: 0, verdict: "passed", reason: "r".repeat(5000), timings, results: { recipes } }, { at })!;
    expect(historyLine(r).length).toBeLessThanOrEqual(MAX_RECORD_BYTES);
    expect(r.truncated).toBe(true);
    expect(r.reason?.length).toBeLessThanOrEqual(400);
  });
});

describe("append, rotate, prune", () => {
  test("appends one line per record and reads them back newest first", async () => {
    for (let i = 0; i < 5; i++) await appendHistory(dir, rec(i), { limits });
    const text = readFileSync(historyLayout(dir).active, "utf8");
    expect(text.split("\n")).toHaveLength(6);
    expect((await readAll()).map((r) => r.runId)).toEqual(["r4", "r3", "r2", "r1", "r0"]);
  });
  test("rotates before a line would pass segmentBytes; order is kept across segments", async () => {
    const pad = { reason: "p".repeat(390) };
    for (let i = 0; i < 120; i++) await appendHistory(dir, rec(i, pad), { limits, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    const rotated = await rotatedSegments(dir);
    expect(rotated.length).toBeGreaterThanOrEqual(3);
    for (const p of [...rotated, historyLayout(dir).active]) expect(readFileSync(p).length).toBeLessThanOrEqual(limits.segmentBytes);
    expect((await readAll()).map((r) => r.runId)).toEqual(Array.from({ length: 120 }, (_, i) => `r${119 - i}`));
  });
  test("retention keeps maxSegments rotated segments and drops old ones", async () => {
    const pad = { reason: "p".repeat(390) };
    for (let i = 0; i < 200; i++) await appendHistory(dir, rec(i, pad), { limits: { ...limits, maxSegments: 2 }, now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
    expect(await rotatedSegments(dir)).toHaveLength(2);
    const newest = (await readAll())[0];
    expect(newest?.runId).toBe("r199");
    const [, older] = await rotatedSegments(dir);
    utimesSync(older!, new Date("2020-01-01"), new Date("2020-01-01"));
    expect(await pruneHistory(dir, { ...limits, maxAgeDays: 30 }, new Date())).toEqual([older]);
  });
  test("segment names sort by time", () => {
    const a = rotatedSegmentName(new Date("2026-01-02T03:04:05.678Z"), "0a1b2c3d");
    expect(a).toBe("20260102T030405678Z-0a1b2c3d.jsonl");
    expect([rotatedSegmentName(new Date("2026-01-10T00:00:00Z"), "ffffffff"), a].sort()[0]).toBe(a);
  });
});

describe("reading back", () => {
  test("bad lines are reported with their segment and skipped; good ones still read", async () => {
    await appendHistory(dir, rec(1), { limits });
    appendFileSync(historyLayout(dir).active, "not json\n" + JSON.stringify({ ...rec(2), exitCode: "zero" }) + "\n" + JSON.stringify({ v: 2, future: true }) + "\n");
    await appendHistory(dir, rec(3), { limits });
    const bad: BadHistoryLine[] = [];
    expect((await readAll((b) => bad.push(b))).map((r) => r.runId)).toEqual(["r3", "r1"]);
    expect(bad.map((b) => b.problem)).toEqual([expect.stringMatching(/^v: /), expect.stringMatching(/^exitCode: /), expect.stringMatching(/^not JSON/)]);
    expect(bad.every((b) => b.segment === historyLayout(dir).active && b.offset > 0)).toBe(true);
  });
  test("a torn last line (crash mid-write) costs only that record: the next append starts a fresh line", async () => {
    await appendHistory(dir, rec(1), { limits });
    appendFileSync(historyLayout(dir).active, JSON.stringify(rec(2)).slice(0, 40));
    await appendHistory(dir, rec(3), { limits });
    const bad: BadHistoryLine[] = [];
    expect((await readAll((b) => bad.push(b))).map((r) => r.runId)).toEqual(["r3", "r1"]);
    expect(bad).toHaveLength(1);
  });
  test("lines are streamed in chunks: a segment much larger than a chunk reads back whole", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(rec(i % 60, { runId: `x${i}`, reason: "y".repeat(i % 300) }))).join("\n") + "\n";
    mkdirSync(historyLayout(dir).dir);
    writeFileSync(historyLayout(dir).active, lines);
    const got = await readAll();
    expect(got).toHaveLength(3000);
    expect(got[0]?.runId).toBe("x2999");
    expect(got[2999]?.runId).toBe("x0");
  });
  test("a line longer than 64 KiB (not a record) is reported once, not buffered; its neighbours read", async () => {
    mkdirSync(historyLayout(dir).dir);
    writeFileSync(historyLayout(dir).active, [JSON.stringify(rec(1)), "z".repeat(300_000), JSON.stringify(rec(2))].join("\n") + "\n");
    const bad: BadHistoryLine[] = [];
    expect((await readAll((b) => bad.push(b))).map((r) => r.runId)).toEqual(["r2", "r1"]);
    expect(bad.map((b) => b.problem)).toEqual(["line longer than 64 KiB"]);
  });
  test("no history dir: nothing to read, no error", async () => {
    expect(await readAll()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
