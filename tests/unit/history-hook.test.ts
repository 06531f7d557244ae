// The one hook: the CLI and the library append the same record for a result; graphs that are not
// kept append nothing; a history that cannot be written warns and leaves the exit code alone.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { afterEach, beforeEach, expect, test } from "vitest";
import { defineCommand } from "../../lib/cli/command.ts";
import { runCli } from "../../lib/cli/main.ts";
import { runCommandGraph } from "../../lib/cli/run-command.ts";
import { readHistory } from "../../lib/history/read.ts";
import type { HistoryRecord } from "../../lib/history/schema.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "ccw-history-hook-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const params = z.strictObject({ recipe: z.string(), ref: z.string().default("v1") });
const fakeCold = (name: string) => defineCommand({
  name, summary: "test", params,
  build: () => defineGraph<z.infer<typeof params>>({ id: name, tasks: [defineTask({ id: "upgrade", run: () => "c0ffee" })] }),
  conclude: (run, p) => ({ exitCode: 0, result: { mode: "cold", verdict: "passed", recipe: p.recipe, ref: p.ref, commit: run.output<string>("upgrade") }, summary: "ok" }),
});
const all = async (): Promise<HistoryRecord[]> => {
  const out: HistoryRecord[] = [];
  for await (const r of readHistory(dir)) out.push(r);
  return out;
};
const io = (err: string[]) => ({ stdout: () => {}, stderr: (t: string) => void err.push(t), env: { CC_WARM_STATE_DIR: dir }, isTTY: false });

test("the CLI and the library record the same fields", async () => {
  const err: string[] = [];
  expect(await runCli(["cold", "recipe=demo", "ref=v2", "--json"], [fakeCold("cold")], io(err))).toBe(0);
  await runCommandGraph(fakeCold("cold"), { recipe: "demo", ref: "v3" }, { env: { CC_WARM_STATE_DIR: dir } });
  const [lib, cli] = await all();
  for (const r of [lib!, cli!]) expect(r).toMatchObject({ graph: "cold", mode: "cold", verdict: "passed", exitCode: 0, recipe: "demo", commit: "c0ffee", timings: { upgrade: expect.any(Number) } });
  expect([cli!.ref, lib!.ref]).toEqual(["v2", "v3"]);
  expect(cli!.disk?.stateDirPercent).toBeGreaterThan(0);
  expect(err.join("")).not.toContain("warning");
});

test("graphs that are not kept leave no history", async () => {
  expect(await runCli(["selfcheck", "recipe=demo"], [fakeCold("selfcheck")], io([]))).toBe(0);
  expect(await all()).toEqual([]);
});

test("an unwritable history warns on stderr and keeps the run's exit code", async () => {
  // `history` is a file, so the directory cannot be made (permissions would not stop root).
  writeFileSync(join(dir, "history"), "not a dir");
  const err: string[] = [];
  expect(await runCli(["cold", "recipe=demo"], [fakeCold("cold")], io(err))).toBe(0);
  expect(err.join("")).toMatch(/warning: history not written: /);
});

test("a library caller gets the history warning in the result, with the run's exit code", async () => {
  writeFileSync(join(dir, "history"), "not a dir");
  const result = await runCommandGraph(fakeCold("cold"), { recipe: "demo" }, { env: { CC_WARM_STATE_DIR: dir } });
  expect(result.exitCode).toBe(0);
  expect(result.warnings).toEqual([expect.stringMatching(/^history not written: /)]);
});
