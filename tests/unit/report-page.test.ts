// cc-warm report in-process: the page is self-contained (no script, nothing fetched), every
// value from state is escaped, charts are inline SVG, and the result says where it went.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { raiseAlert } from "../../lib/alerts/mod.ts";
import { configSchema } from "../../lib/config/schema.ts";
import { appendHistory } from "../../lib/history/append.ts";
import { runGraph } from "../../lib/runner/run.ts";
import { reportCommand } from "../../tasks/report.ts";
import { esc } from "../../tasks/report/charts/escape.ts";
import { parseDockerSize } from "../../tasks/report/holders.ts";

let stateDir: string;
beforeEach(() => void (stateDir = mkdtempSync(join(tmpdir(), "ccw-test-report-"))));
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

const EVIL = `<img src=x onerror=alert(1)>"'&`;

test("hostile strings from state are escaped; no script, no external reference; charts are SVG", async () => {
  const config = configSchema.parse({ stateDir });
  const limits = config.history;
  const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  await appendHistory(stateDir, { v: 1, at: at(3), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0, recipe: "demo", ref: EVIL, commit: "c1", durationMs: 20_000 }, { limits });
  await appendHistory(stateDir, { v: 1, at: at(2), graph: "cold", mode: "cold", verdict: "failed", exitCode: 1, recipe: "demo", ref: "v2", commit: "c1", durationMs: 60_000, reason: EVIL }, { limits });
  await appendHistory(stateDir, { v: 1, at: at(1), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0, recipe: `x${EVIL}`.slice(0, 40), durationMs: 1 }, { limits });
  await raiseAlert(stateDir, { what: EVIL, why: `</style><script>alert(2)</script>`, app: "keycloak" });
  const out = join(stateDir, "out", "page.html");
  const run = await runGraph(reportCommand.build({ config, env: {} }), { out });
  const c = await reportCommand.conclude!(run, { out }, { config, env: {} });
  expect(c.result).toMatchObject({ out, recipes: 2 });
  expect(c.summary).toContain(`report written to ${out}`);
  const html = readFileSync(out, "utf8");
  expect(html).not.toMatch(/<script|<img|<\/style><script/i);
  // No tag carries an event handler or anything that fetches (escaped text, and quoted attribute
  // values — which cannot hold a raw quote — may say "src=").
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\s(on\w+|src|href|action|srcset)=/i);
  expect(html.match(/https?:\/\/[^"]*/g)?.every((u) => u === "http://www.w3.org/2000/svg")).toBe(true);
  expect(html).toContain("default-src 'none'");
  expect(html).toContain(esc(EVIL));
  expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
  expect(html).toMatch(/<section id="disagreements"><h2>Lane disagreements \(1\)/);
  expect(html).toContain('class="point failed"');
});

test("docker's human sizes in bytes", () => {
  expect(parseDockerSize("1.366GB")).toBe(1_366_000_000);
  expect(parseDockerSize("359.6MB")).toBe(359_600_000);
  expect(parseDockerSize("512kB")).toBe(512_000);
  expect(parseDockerSize("0B")).toBe(0);
  expect(parseDockerSize("n/a")).toBeUndefined();
});
