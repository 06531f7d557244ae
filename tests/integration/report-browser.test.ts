// `cc-warm report` from a state dir made by real runs on the real swarm (a cold run, the promotion
// it earns, a quick PASS and a quick FAIL of the demo recipe), loaded in Debian's headless
// Chromium (installed by scripts/infra/chromium.sh when missing): the rendered DOM has the
// recipe, the charts and the runs; the browser logs no console message (a script error or a
// CSP-blocked fetch would be one); a screenshot is kept at .cache/report-browser.png.
//
// Chromium is driven by its own --dump-dom / --screenshot flags: no browser-automation
// dependency, and the DOM it dumps is the one it rendered after load.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, jsonLines, ROOT, startCli } from "../helpers/cli.ts";
import { makeDemoRepo, removeCanonical, warmConfig } from "./helpers/warm.ts";

const RECIPE = "ccw-test-report";
let env: ReturnType<typeof warmConfig>;
let chromium: string;
const profiles: string[] = [];

const cli = async (args: string[]) => {
  const res = await startCli("node", [...args, "--json", "--config", env.configPath]);
  return { ...res, result: jsonLines(res.stdout).at(-1)! };
};

async function browse(url: string, flags: string[]) {
  const profile = mkdtempSync(join(tmpdir(), "ccw-chromium-"));
  profiles.push(profile);
  return execa(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0", ...flags, url,
  ], { timeout: 90_000, reject: false });
}

beforeAll(async () => {
  chromium = (await execa("bash", [`${ROOT}scripts/infra/chromium.sh`], { timeout: 15 * 60_000 })).stdout.trim();
  await ensureBuilt();
  env = warmConfig({ [RECIPE]: { source: await makeDemoRepo(), convergeTimeoutMinutes: 3 } });
  const steps: [string[], number][] = [
    [["cold", `recipe=${RECIPE}`, "ref=v2"], 0],
    [["promote", `recipe=${RECIPE}`, "verdict=green", "mode=cold", "ref=v2"], 0],
    [["quick", `recipe=${RECIPE}`, "ref=v2"], 0],
    [["quick", `recipe=${RECIPE}`, "ref=broken"], 1],
  ];
  for (const [args, code] of steps) {
    const res = await cli(args);
    expect(res.exitCode, `${args.join(" ")}: ${res.stderr.slice(-2000)}`).toBe(code);
  }
}, 900_000);

afterAll(async () => {
  await removeCanonical(env.config, RECIPE);
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
}, 300_000);

describe("cc-warm report in headless Chromium", () => {
  it("status shows the runs from the history", async () => {
    const res = await cli(["status"]);
    const h = (res.result.report as { history: { recipes: { recipe: string; quick: { runs: number; pass: number; fail: number; medianMs: number }; cold: { runs: number } }[] } }).history;
    const r = h.recipes.find((x) => x.recipe === RECIPE)!;
    expect(r.quick).toMatchObject({ runs: 2, pass: 1, fail: 1 });
    expect(r.quick.medianMs).toBeGreaterThan(0);
    expect(r.cold.runs).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`HISTORY[^\\n]*\\n[^\\n]*\\n {2}${RECIPE} +\\S+ \\(1✓ 1✗\\) +\\S+ \\(1✓ 0✗\\)`));
  });

  it("renders the recipe, its canonical, the charts and the runs; no console message; a screenshot", async () => {
    const out = join(env.stateDir, "report.html");
    const res = await cli(["report"]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.result).toMatchObject({ out, recipes: 1 });
    expect(res.stderr).toContain(`report written to ${out}`);
    const url = `file://${out}`;
    const dom = await browse(url, ["--dump-dom"]);
    expect(dom.exitCode, dom.stderr.slice(-2000)).toBe(0);
    const html = dom.stdout;
    expect(html).toMatch(new RegExp(`<section id="canonicals"><h2>Canonicals \\(1 of 1 recipe\\(s\\)\\)</h2>[\\s\\S]*<td>${RECIPE}</td><td><code>[0-9a-f]{12}</code></td><td>v2</td>`));
    expect(html).toContain(`<figcaption>${RECIPE}: quick vs cold duration (s)</figcaption>`);
    expect(html.match(/<svg class="chart /g)?.length).toBeGreaterThanOrEqual(5);
    // Two quick runs (one a cross: it failed) and one cold run drawn in the recipe's chart.
    const chart = html.slice(html.indexOf(`<figcaption>${RECIPE}: quick vs cold`));
    expect(chart.match(/<g class="series quick">[\s\S]*?<\/g>/)?.[0].match(/class="point( failed)?"/g)).toEqual(['class="point"', 'class="point failed"']);
    expect(chart.match(/<g class="series cold">[\s\S]*?<\/g>/)?.[0].match(/class="point"/g)).toHaveLength(1);
    expect(html).toMatch(/<h2>Lane disagreements \(0\)<\/h2>/);
    expect(dom.stderr.split("\n").filter((l) => l.includes(":CONSOLE"))).toEqual([]);

    const shot = join(ROOT, ".cache", "report-browser.png");
    rmSync(shot, { force: true });
    const png = await browse(url, [`--screenshot=${shot}`, "--window-size=1400,2200", "--hide-scrollbars"]);
    expect(png.exitCode, png.stderr.slice(-2000)).toBe(0);
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    expect(png.stderr.split("\n").filter((l) => l.includes(":CONSOLE"))).toEqual([]);
  });
});
