/**
 * The seam to the health-gated reconciler (WC1.1): before the cold tests, roll each warm
 * infrastructure app with `cc-warm reconcile app=<name>`, in this process, through the CLI's own
 * catalog. A missing reconcile graph or a failed roll is recorded, never fatal to the sweep.
 * @module
 */
import type { CommandEnv, GraphCommand } from "../../lib/cli/command.ts";
import { defaultConclusion } from "../../lib/cli/conclude.ts";
import { parseParams } from "../../lib/cli/params.ts";
import { runGraph } from "../../lib/runner/run.ts";
import type { EventSink } from "../../lib/runner/types.ts";

/** One infrastructure app's roll, as the results file records it. */
export interface ReconcileRecord {
  app: string;
  /** absent: this cc-warm has no reconcile graph; failed: it ran (or could not start) and did not pass. */
  state: "passed" | "failed" | "absent";
  exitCode?: number | undefined;
  summary: string;
  durationMs: number;
}

/** Where the reconcile command comes from: a catalog-like list (the CLI's catalog by default). */
export type CommandLookup = readonly { name: string; load(): Promise<GraphCommand> }[];

/**
 * Roll the warm infrastructure apps one after another; each outcome is recorded.
 *
 * @example
 * ```ts
 * const records = await rollInfrastructure(["keycloak"], env, { signal });
 * ```
 */
export async function rollInfrastructure(apps: readonly string[], env: CommandEnv, options: { signal?: AbortSignal; onEvent?: EventSink; commands?: CommandLookup } = {}): Promise<ReconcileRecord[]> {
  const commands = options.commands ?? (await import("../catalog.ts")).catalog;
  const entry = commands.find((c) => c.name === "reconcile");
  const out: ReconcileRecord[] = [];
  for (const app of apps) {
    const started = Date.now();
    const done = (state: ReconcileRecord["state"], summary: string, exitCode?: number) => out.push({ app, state, exitCode, summary, durationMs: Date.now() - started });
    if (!entry) {
      done("absent", "this cc-warm has no reconcile graph: warm infrastructure not rolled");
      continue;
    }
    try {
      const command = await entry.load();
      const params = parseParams(command.params, { app });
      const early = await command.precheck?.(params, env);
      if (early) {
        done(early.exitCode === 0 ? "passed" : "failed", early.summary, early.exitCode);
        continue;
      }
      const run = await runGraph(command.build(env), params, { signal: options.signal, onEvent: options.onEvent });
      const c = (await command.conclude?.(run, params, env)) ?? defaultConclusion(run);
      done(c.exitCode === 0 && run.status === "passed" ? "passed" : "failed", c.summary, c.exitCode);
    } catch (e) {
      done("failed", `reconcile ${app} could not run: ${(e as Error).message}`);
    }
  }
  return out;
}
