import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { writeFileAtomic } from "../../lib/fs/atomic.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";
import { openAlerts } from "../status/alerts.ts";
import { diskStatuses } from "../status/disk.ts";
import { recipeStatuses } from "../status/recipes.ts";
import { sweepStatus } from "../status/sweep.ts";
import { diskHolders } from "./holders.ts";
import { reportHistory } from "./history.ts";
import type { ReportParams } from "./params.ts";
import { renderReport } from "./render.ts";
import type { ReportData } from "./types.ts";

/** The report's data sections (one read-only task each). */
export const REPORT_SECTIONS: readonly ["recipes", "disk", "holders", "alerts", "sweep", "history"] = ["recipes", "disk", "holders", "alerts", "sweep", "history"];

/** Where the page went. */
export interface ReportWritten {
  out: string;
  bytes: number;
  data: ReportData;
}

/**
 * The report graph: six read-only tasks gather the sections concurrently (one failing leaves
 * the others), then `write` (always) renders the page and writes it atomically to `out`
 * (default `<stateDir>/report.html`), creating its directory.
 *
 * @example
 * ```ts
 * const run = await runGraph(reportGraph(env), { out: "/tmp/report.html" });
 * ```
 */
export function reportGraph(env: CommandEnv): Graph<ReportParams> {
  const { config } = env;
  const now = new Date();
  const sections = [
    defineTask({ id: "recipes", description: "canonicals: known-good, age, size", run: () => recipeStatuses(config, now) }),
    defineTask({ id: "disk", description: "filesystem use vs config.disk", run: () => diskStatuses(config) }),
    defineTask({ id: "holders", description: "what holds the space (state dir entries, docker system df)", run: (ctx) => diskHolders(config.stateDir, { signal: ctx.signal }) }),
    defineTask({ id: "alerts", description: "open alerts", run: () => openAlerts(config.stateDir) }),
    defineTask({ id: "sweep", description: "sweep schedule and the last sweep", run: () => sweepStatus(config) }),
    defineTask<ReportParams>({ id: "history", description: "quick vs cold over time, disagreements, disk over time", run: (ctx) => reportHistory(config.stateDir, { runs: ctx.params.runs ?? 100, signal: ctx.signal }) }),
  ];
  const write = defineTask<ReportParams, ReportWritten>({
    id: "write", needs: sections, rule: "always", description: "render the page and write it",
    run: async (ctx) => {
      const outputs = Object.fromEntries(sections.map((t) => [t.id, ctx.output(t as never) as unknown]));
      const failed = Object.fromEntries(Object.entries(outputs).flatMap(([id, v]) => (v === undefined ? [[id, "the section's task did not succeed (see its error)"]] : [])));
      const data = { at: now.toISOString(), stateDir: config.stateDir, failed, ...outputs } as ReportData;
      const html = renderReport(data);
      const out = ctx.params.out ?? join(config.stateDir, "report.html");
      await mkdir(dirname(out), { recursive: true });
      await writeFileAtomic(out, html);
      return { out, bytes: Buffer.byteLength(html), data };
    },
  });
  return defineGraph<ReportParams>({ id: "report", description: "one self-contained HTML page: canonicals, quick vs cold, disagreements, disk, alerts, sweep", tasks: [...sections, write], concurrency: 6, teardownDeadlineMs: 30_000 });
}
