import type { CommandEnv, Conclusion } from "../../lib/cli/command.ts";
import { exitCodeForError } from "../../lib/cli/conclude.ts";
import { runGraph } from "../../lib/runner/run.ts";
import { serializeError } from "../../lib/runner/errors.ts";
import type { EventSink } from "../../lib/runner/types.ts";
import { concludePromote, type PromotionState } from "./conclude.ts";
import { promoteGraph } from "./graph.ts";
import type { PromoteParams } from "./params.ts";
import { promotePrecheck } from "./precheck.ts";

/** A promotion's outcome for in-process callers (the sweep). */
export interface PromotionOutcome {
  promotion: PromotionState;
  /** Why it was not eligible or failed. */
  reason?: string | undefined;
  conclusion: Conclusion;
}

/**
 * Run a promotion in this process, exactly as `cc-warm promote` does (precheck, graph,
 * conclusion). Never throws: bad input or config ends as a failed promotion with exit code 2.
 *
 * @example
 * ```ts
 * const out = await promoteInProcess({ recipe: "demo", verdict: "green", mode: "cold", ref: "v2" }, env, { signal });
 * if (out.promotion !== "promoted") console.error(out.reason);
 * ```
 */
export async function promoteInProcess(params: PromoteParams, env: CommandEnv, options: { signal?: AbortSignal; onEvent?: EventSink } = {}): Promise<PromotionOutcome> {
  let conclusion: Conclusion;
  try {
    const early = await promotePrecheck(params, env, options);
    if (early) return { promotion: "not-eligible", reason: String(early.result.reason ?? ""), conclusion: early };
    const run = await runGraph(promoteGraph(env), params, { signal: options.signal, onEvent: options.onEvent });
    conclusion = concludePromote(run, params);
  } catch (error) {
    const e = serializeError(error);
    conclusion = { exitCode: exitCodeForError(e), result: { recipe: params.recipe, promotion: "failed", promoted: false, reason: e.message }, summary: `promote ${params.recipe}: PROMOTION FAILED (${e.message})` };
  }
  const promotion = conclusion.result.promotion as PromotionState;
  return { promotion, reason: conclusion.result.reason as string | undefined, conclusion };
}
