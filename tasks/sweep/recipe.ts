import { canonicalApp } from "../../lib/canonical/app.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import type { EventSink } from "../../lib/runner/types.ts";
import { domainSchema, gitRefSchema } from "../../lib/validate/names.ts";
import { resolveLatest } from "../../lib/release/latest.ts";
import type { PromoteParams } from "../promote/params.ts";
import { promoteInProcess } from "../promote/run.ts";
import { coldArgv, runColdCommand } from "./cold.ts";
import type { SweepRow } from "./results.ts";

/** Options for {@linkcode sweepRecipe}. */
export interface SweepRecipeOptions {
  sweepId: string;
  signal?: AbortSignal;
  log: (message: string, level?: "info" | "warn" | "error") => void;
  /** Receives the in-process promotion's events. */
  onEvent?: EventSink;
}

/**
 * One recipe of the sweep: resolve its latest release, run the orchestrator's cold command on
 * it, and promote when green (in process, through the same gate and graph as `cc-warm promote`).
 * Never throws: every failure becomes the row's verdict/promotion and reason.
 *
 * @example
 * ```ts
 * const row = await sweepRecipe("demo", env, { sweepId, log: console.error });
 * ```
 */
export async function sweepRecipe(recipe: string, env: CommandEnv, options: SweepRecipeOptions): Promise<SweepRow> {
  const started = Date.now();
  const row: SweepRow = { recipe, ref: null, commit: null, verdict: "error", coldExitCode: null, durationMs: 0, promotion: "not-run", reason: null, canonical: null };
  const finish = (patch: Partial<SweepRow>): SweepRow => Object.assign(row, patch, { durationMs: Date.now() - started });
  const { config } = env;
  const template = config.sweep.coldCommand;
  if (!template) return finish({ reason: "config sweep.coldCommand is not set" });
  try {
    const latest = await resolveLatest(canonicalApp(recipe, config).recipeDir, { signal: options.signal, allowPrereleases: config.recipes[recipe]?.allowPrereleases });
    Object.assign(row, { ref: latest.ref, commit: latest.commit });
    const argv = coldArgv(template, recipe, latest.ref);
    options.log(`${recipe}: cold run at ${latest.ref} (${latest.commit.slice(0, 12)}): ${argv[0]}`);
    const cold = await runColdCommand(argv, {
      timeoutMs: config.sweep.coldTimeoutMinutes * 60_000, signal: options.signal,
      env: { CC_WARM_RECIPE: recipe, CC_WARM_REF: latest.ref, CC_WARM_MODE: "cold", CC_WARM_SWEEP_ID: options.sweepId },
    });
    Object.assign(row, { verdict: cold.verdict, coldExitCode: cold.exitCode ?? null });
    options.log(`${recipe}: cold ${cold.verdict} (exit ${cold.exitCode ?? "none"}, ${(cold.durationMs / 1000).toFixed(1)}s)`, cold.verdict === "green" ? "info" : "warn");
    if (cold.verdict === "error") return finish({ reason: `cold command ${options.signal?.aborted ? "cancelled" : "timed out or could not run"}: ${cold.tail}` });
    if (cold.verdict === "red") return finish({ promotion: "not-eligible", reason: `the cold run was red (exit ${cold.exitCode})${cold.tail ? `: ${cold.tail}` : ""}` });
    const params: PromoteParams = {
      recipe, verdict: "green", mode: "cold", ref: latest.ref,
      version: gitRefSchema.safeParse(cold.report.version).success ? cold.report.version : undefined,
      "cold-domain": domainSchema.safeParse(cold.report.domain).success ? cold.report.domain : undefined,
    };
    const out = await promoteInProcess(params, env, { signal: options.signal, onEvent: options.onEvent });
    options.log(`${recipe}: ${out.conclusion.summary}`, out.promotion === "failed" ? "error" : "info");
    const canonical = out.promotion === "promoted" ? String(out.conclusion.result.canonical) : null;
    return finish({ promotion: out.promotion, reason: out.reason ?? null, canonical });
  } catch (e) {
    // A green run whose promotion could not even start is a failed promotion, never "promoted".
    return finish({ reason: (e as Error).message.slice(0, 500), ...(row.verdict === "green" ? { promotion: "failed" as const } : {}) });
  }
}
