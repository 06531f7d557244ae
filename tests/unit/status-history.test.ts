// cc-warm status's HISTORY section from a real history dir: medians over the last N runs, the
// last verdicts, lane disagreements (text and JSON), bad lines skipped and flagged, hostile
// strings kept off the terminal.
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { configSchema } from "../../lib/config/schema.ts";
import { appendHistory } from "../../lib/history/append.ts";
import { historyLayout } from "../../lib/history/layout.ts";
import type { HistoryRecord } from "../../lib/history/schema.ts";
import { runGraph } from "../../lib/runner/run.ts";
import { concludeStatus } from "../../tasks/status/conclude.ts";
import { statusGraph } from "../../tasks/status/graph.ts";
import type { StatusReport } from "../../tasks/status/types.ts";

let stateDir: string;
beforeEach(() => void (stateDir = mkdtempSync(join(tmpdir(), "ccw-test-status-history-"))));
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

const env = (): CommandEnv => ({ config: configSchema.parse({ stateDir, history: { runs: 3 } }), env: {} });
const min = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const add = (m: number, r: Partial<HistoryRecord>) =>
  appendHistory(stateDir, { v: 1, at: min(m), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0, recipe: "demo", ...r }, { limits: env().config.history });

async function status(params: { runs?: number } = {}) {
  const run = await runGraph(statusGraph(env()), params);
  const c = concludeStatus(run, env());
  return { ...c, report: c.result.report as StatusReport };
}

test("medians over the last N runs per lane, the ratio, last verdicts, and a disagreement", async () => {
  await add(60, { durationMs: 99_000, commit: "old" }); // outside the last 3 quick runs
  await add(50, { durationMs: 20_000, commit: "a1" });
  await add(40, { graph: "cold", mode: "cold", durationMs: 80_000, commit: "a1", verdict: "passed" });
  await add(30, { durationMs: 30_000, commit: "b2", ref: "refs/pull/7/head" });
  await add(20, { verdict: "failed", durationMs: 10_000, commit: "c3", rolledBack: true, exitCode: 1 });
  await add(10, { graph: "cold", mode: "cold", durationMs: 120_000, commit: "b2", verdict: "failed", exitCode: 1 });
  await add(5, { recipe: "wiki\u001b[2J", mode: "cold", verdict: "fallback", fallback: true, exitCode: 4 });
  const { report, summary, exitCode } = await status();
  expect(exitCode).toBe(0);
  const demo = report.history!.recipes.find((r) => r.recipe === "demo")!;
  expect(demo.quick).toEqual({ runs: 3, pass: 2, fail: 1, medianMs: 20_000 });
  expect(demo.cold).toEqual({ runs: 2, pass: 1, fail: 1, medianMs: 100_000 });
  expect(demo.last.map((x) => `${x.lane} ${x.verdict}`)).toEqual(["cold fail", "quick fail", "quick pass", "cold pass", "quick pass"]);
  expect(demo.disagreements).toEqual([expect.objectContaining({ key: "b2", matchedBy: "commit", quick: expect.objectContaining({ verdict: "pass", ref: "refs/pull/7/head" }), cold: expect.objectContaining({ verdict: "fail", source: "cold" }), coldFirst: false })]);
  expect(report.history!.recipes.map((r) => r.recipe)).toEqual(["demo"]); // a fallback is not a run
  expect(summary).toMatch(/HISTORY \(last 3 runs per recipe and lane; 7 record\(s\)\)\n {2}recipe +quick median +cold median +quick\/cold +last verdicts\n {2}demo +20\.0s \(2✓ 1✗\) +1m40s \(1✓ 1✗\) +0\.20× +cold fail 10m ago · quick fail 20m ago · quick pass 30m ago\n/);
  expect(summary).toMatch(/LANE DISAGREEMENTS \(1\)[^\n]*\n {4}recipe +commit\/ref +quick +cold\n {4}demo +b2 +PASS refs\/pull\/7\/head 30m ago +FAIL \(cold\) 10m ago\n/);
  expect(report.attention).toContain("quick and cold disagree on the same commit for demo (see HISTORY)");
  // runs= overrides the config's N.
  expect((await status({ runs: 1 })).report.history!.recipes[0]!.quick).toEqual({ runs: 1, pass: 0, fail: 1, medianMs: 10_000 });
});

test("no history yet; bad lines are skipped, counted and flagged; terminal escapes are neutralised", async () => {
  expect((await status()).summary).toContain("(no quick or cold run recorded yet)");
  await add(3, { recipe: "evil\u001b]0;pwned\u0007", durationMs: 1 });
  appendFileSync(historyLayout(stateDir).active, "{torn\n");
  const { report, summary } = await status();
  expect(report.history).toMatchObject({ badLines: 1, records: 1 });
  expect(report.history!.badLineExamples[0]).toMatch(/current\.jsonl@\d+: not JSON/);
  expect(report.attention.at(-1)).toMatch(/^1 unreadable line\(s\) in the run history were skipped/);
  expect(summary).not.toMatch(/\u001b|\u0007/);
  expect(summary).toContain("evil ]0;pwned ");
});
