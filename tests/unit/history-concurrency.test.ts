// Real processes appending to one history at once (with rotations racing) never interleave or
// lose a line: every record is read back exactly once and every line passes the schema.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { readHistory } from "../../lib/history/read.ts";
import type { BadHistoryLine } from "../../lib/history/read.ts";

const DENO = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));
const CHILD = fileURLToPath(new URL("../helpers/history-child.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ccw-history-conc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (label: string, count: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(DENO, ["run", "-A", CHILD, dir, label, String(count), "16384"], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? -1));
  });

test("four processes appending 150 records each: 600 whole lines, none lost, none twice", async () => {
  const codes = await Promise.all(["a", "b", "c", "d"].map((l) => run(l, 150)));
  expect(codes).toEqual([0, 0, 0, 0]);
  const bad: BadHistoryLine[] = [];
  const seen = new Map<string, number>();
  for await (const r of readHistory(dir, { onBadLine: (b) => bad.push(b) })) seen.set(r.runId!, (seen.get(r.runId!) ?? 0) + 1);
  expect(bad).toEqual([]);
  expect(seen.size).toBe(600);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  // 600 records of 1.4–3.4 KiB at 16 KiB a segment: many rotations happened while others appended.
  expect(readdirSync(join(dir, "history")).length).toBeGreaterThan(40);
}, 120_000);
