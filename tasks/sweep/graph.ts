import type { CommandEnv } from "../../lib/cli/command.ts";
import { ExitCode, type ExitCodeValue } from "../../lib/cli/exit-codes.ts";
import type { LockHandle } from "../../lib/lock/types.ts";
import { readRegistry } from "../../lib/canonical/registry-store.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask, type TaskContext } from "../../lib/runner/task.ts";
import type { EventSink } from "../../lib/runner/types.ts";
import { takeHostLock } from "./host.ts";
import type { SweepParams } from "./params.ts";
import { type ReconcileRecord, rollInfrastructure } from "./reconcile.ts";
import { sweepRecipe } from "./recipe.ts";
import { countRows, type SweepResults, type SweepRow, writeSweepResults } from "./results.ts";
import { dueRecipes, readLastSwept, selectRecipes } from "./select.ts";

/** Sweep state shared by the tasks of one run (rows survive a cancellation for the results file). */
interface SweepState {
  maxTests: number;
  reconcile: ReconcileRecord[];
  rows: SweepRow[];
}

/** Forward a nested graph's log events into this task's log (prefixed), dropping the rest. */
const forwardLogs = (ctx: TaskContext<SweepParams>, prefix: string): EventSink => (e) => {
  if (e.type === "log") ctx.log(`${prefix}${e.task ? ` ${e.task}` : ""}: ${e.message}`, e.level);
};

/**
 * The nightly sweep: take the host lock (refuse if busy) → roll the warm infrastructure
 * (recorded, never fatal) → for at most MAX_TESTS enrolled recipes, serially: cold run on the
 * latest release, promote the green ones → write the results file (always) → unlock (always).
 *
 * @example
 * ```ts
 * const run = await runGraph(sweepGraph(env), { "max-tests": 2 });
 * ```
 */
export function sweepGraph(env: CommandEnv): Graph<SweepParams> {
  const { config } = env;
  const runs = new Map<string, SweepState>();
  const state = (ctx: { runId: string; params: SweepParams }): SweepState => {
    let s = runs.get(ctx.runId);
    if (!s) runs.set(ctx.runId, (s = { maxTests: ctx.params["max-tests"] ?? config.sweep.maxTests, reconcile: [], rows: [] }));
    return s;
  };
  const lock = defineTask<SweepParams, LockHandle>({
    id: "host-lock", description: "take the host lock; refuse if a test or another sweep holds it",
    run: (ctx) => takeHostLock(config.stateDir, `sweep ${ctx.runId}`, { signal: ctx.signal }),
  });
  const reconcile = defineTask<SweepParams, ReconcileRecord[]>({
    id: "reconcile", needs: [lock], description: "roll the warm infrastructure (cc-warm reconcile); failures are recorded, not fatal",
    run: async (ctx) => {
      const s = state(ctx);
      s.reconcile = await rollInfrastructure(config.sweep.reconcileApps ?? Object.keys(config.infra), env, { signal: ctx.signal, onEvent: forwardLogs(ctx, "reconcile") });
      for (const r of s.reconcile) ctx.log(`reconcile ${r.app}: ${r.state}: ${r.summary}`, r.state === "failed" ? "warn" : "info");
      return s.reconcile;
    },
  });
  const recipes = defineTask<SweepParams, SweepRow[]>({
    id: "recipes", needs: [reconcile], description: "cold-test at most MAX_TESTS recipes on latest, serially; promote the green ones",
    run: async (ctx) => {
      const s = state(ctx);
      const { canonicals } = await readRegistry(config.stateDir);
      const lastSwept = await readLastSwept(config.stateDir);
      const dues = await dueRecipes(Object.keys(config.recipes), canonicals, lastSwept, config, ctx.signal);
      for (const d of dues) ctx.log(`${d.recipe}: ${d.due ? "due" : "skipped"}: ${d.why}`);
      const why = new Map(dues.map((d) => [d.recipe, d.why]));
      const selection = selectRecipes(dues.filter((d) => d.due).map((d) => d.recipe), canonicals, s.maxTests, lastSwept);
      ctx.log(`MAX_TESTS=${s.maxTests}: testing ${selection.run.join(", ") || "nothing"}${selection.notRun.length ? `; next time: ${selection.notRun.join(", ")}` : ""}`);
      for (const [i, recipe] of selection.run.entries()) {
        ctx.progress(i, selection.run.length, "recipes", recipe);
        if (ctx.signal.aborted) break;
        s.rows.push({ ...(await sweepRecipe(recipe, env, { sweepId: ctx.runId, signal: ctx.signal, log: (m, l) => ctx.log(m, l), onEvent: forwardLogs(ctx, `promote ${recipe}`) })), why: why.get(recipe) ?? null });
      }
      ctx.progress(selection.run.length, selection.run.length, "recipes");
      const notRun = selection.notRun.map((recipe): SweepRow => ({ recipe, ref: null, commit: null, verdict: "not-run", coldExitCode: null, durationMs: 0, promotion: "not-run", reason: `over MAX_TESTS=${s.maxTests}`, why: why.get(recipe) ?? null, canonical: null }));
      const unchanged = dues.filter((d) => !d.due).map((d): SweepRow => ({ recipe: d.recipe, ref: null, commit: null, verdict: "not-run", coldExitCode: null, durationMs: 0, promotion: "not-run", reason: d.why, why: d.why, canonical: null }));
      s.rows.push(...notRun, ...unchanged);
      return s.rows;
    },
  });
  const results = defineTask<SweepParams, SweepResults | undefined>({
    id: "results", needs: [recipes], rule: "always", description: "write <stateDir>/sweeps/<time>.json and latest.json (always, unless refused)",
    run: async (ctx) => {
      if (!ctx.output(lock)) return undefined; // refused: the sweep did not run; keep the last results
      const s = state(ctx);
      const started = ctx.output(lock)!.holder.since;
      const r = buildResults(ctx.runId, started, ctx.cancelled, s);
      const path = await writeSweepResults(config.stateDir, r);
      ctx.log(`results written to ${path}`);
      runs.delete(ctx.runId);
      return r;
    },
  });
  const unlock = defineTask<SweepParams, boolean>({
    id: "unlock", needs: [results], rule: "always", description: "release the host lock (always)",
    run: async (ctx) => {
      const h = ctx.output(lock);
      if (!h) return false;
      await h.release();
      return true;
    },
  });
  return defineGraph<SweepParams>({
    id: "sweep",
    description: "nightly full-cold sweep bounded by MAX_TESTS; promotes green cold runs on latest",
    tasks: [lock, reconcile, recipes, results, unlock],
    concurrency: 1,
    teardownDeadlineMs: 20 * 60_000,
  });
}

/** The results file's content; `exitCode` follows {@linkcode sweepExitCode}. */
function buildResults(sweepId: string, startedAt: string, cancelled: boolean, s: SweepState): SweepResults {
  const finishedAt = new Date().toISOString();
  const partial: SweepResults = {
    format: 1, sweepId, status: cancelled ? "cancelled" : "completed", startedAt, finishedAt,
    durationMs: Date.parse(finishedAt) - Date.parse(startedAt), maxTests: s.maxTests, reconcile: s.reconcile,
    recipes: s.rows, counts: countRows(s.rows), exitCode: 0,
  };
  return { ...partial, exitCode: sweepExitCode(partial) };
}

/**
 * The sweep's exit code: cancelled → 5; a failed promotion, a cold command that could not run,
 * or a failed infrastructure roll → 3 (a human must look); a red cold run → 1; else 0.
 *
 * @example
 * ```ts
 * sweepExitCode(results); // 0 when every tested recipe was green and promoted (or not eligible)
 * ```
 */
export function sweepExitCode(r: Pick<SweepResults, "status" | "recipes" | "reconcile">): ExitCodeValue {
  if (r.status === "cancelled") return ExitCode.Cancelled;
  if (r.recipes.some((x) => x.promotion === "failed" || x.verdict === "error") || r.reconcile.some((x) => x.state === "failed")) return ExitCode.InfraError;
  if (r.recipes.some((x) => x.verdict === "red")) return ExitCode.VerdictFailed;
  return ExitCode.Passed;
}
