import type { Conclusion } from "../../lib/cli/command.ts";
import { exitCodeForError } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import type { Committed, RestoreOutcome } from "./outcome.ts";
import type { PromoteParams } from "./params.ts";
import type { PromoteContext } from "./steps.ts";

/** How a promotion ended: the `promotion` field of the result. */
export type PromotionState = "promoted" | "not-eligible" | "failed";

/**
 * The conclusion for a run the gate refused: exit 0 (a refusal is not the caller's error), nothing touched.
 *
 * @example
 * ```ts
 * notEligible({ recipe: "demo", verdict: "red", mode: "cold" }, "the cold run was red");
 * ```
 */
export function notEligible(params: PromoteParams, reason: string): Conclusion {
  return {
    exitCode: ExitCode.Passed,
    result: { mode: params.mode, verdict: params.verdict, recipe: params.recipe, ref: params.ref ?? "latest", promotion: "not-eligible", promoted: false, reason },
    summary: `promote ${params.recipe}: not eligible: ${reason}; canonical unchanged`,
  };
}

/**
 * Read a promote run. `promoted` only when every task succeeded and the registry and MANIFEST were
 * read back equal (exit 0); a gate refusal under the lock → not-eligible (exit 0); cancelled → 5;
 * any other failure → `promotion: "failed"`, exit 3 (2 for bad input): never "promoted".
 *
 * @example
 * ```ts
 * const { exitCode, result } = concludePromote(await runGraph(promoteGraph(env), params), params);
 * ```
 */
export function concludePromote(run: GraphRun, params: PromoteParams): Conclusion {
  const c = run.output<PromoteContext>("prepare");
  const committed = run.output<Committed>("snapshot");
  const restore = run.output<RestoreOutcome>("restore-previous");
  const failed = Object.values(run.tasks).filter((t) => t.state === "failed");
  const base = {
    mode: params.mode, verdict: params.verdict, recipe: params.recipe, ref: params.ref ?? "latest",
    strategy: c?.strategy ?? null, domain: c?.app.domain ?? null,
    target: c ? { ref: c.target.ref, tag: c.target.tag ?? null, commit: c.target.commit } : null,
    previous: c?.previous ? { commit: c.previous.knownGoodCommit, manifestDigest: c.previous.manifestDigest } : null,
  };
  if (run.status === "passed" && committed) {
    return {
      exitCode: ExitCode.Passed,
      result: { ...base, promotion: "promoted", promoted: true, seeded: !c?.previous, canonical: committed.entry.knownGoodCommit, version: committed.entry.version ?? null, knownGoodDigest: committed.manifestDigest },
      summary: `promote ${params.recipe}: ${c?.previous ? "promoted" : "seeded"} the canonical at ${committed.entry.version ?? committed.entry.knownGoodCommit.slice(0, 12)}`,
    };
  }
  if (run.tasks.prepare?.error?.name === "NotEligibleError" || run.tasks.prepare?.error?.cause?.name === "NotEligibleError") {
    const reason = run.tasks.prepare.error.cause?.message ?? run.tasks.prepare.error.message;
    return { ...notEligible(params, reason), exitCode: ExitCode.Passed };
  }
  const restored = restore?.restored ?? false;
  const restoreFailed = run.tasks["restore-previous"]?.state === "failed";
  const first = failed[0];
  const reason = run.status === "cancelled" ? "cancelled" : `${first?.id}: ${first?.error?.cause?.message ?? first?.error?.message ?? "unknown error"}`;
  const after = restoreFailed
    ? `; RESTORE OF THE PREVIOUS KNOWN-GOOD FAILED (${run.tasks["restore-previous"]!.error?.message}): a human must look`
    : restored ? "; canonical restored to the previous known-good" : restore?.reason ? `; ${restore.reason}` : "";
  const exitCode = run.status === "cancelled" && !restoreFailed ? ExitCode.Cancelled : restoreFailed ? ExitCode.InfraError : exitCodeForError(first?.error);
  return {
    exitCode,
    result: { ...base, promotion: "failed", promoted: false, reason, restoredPrevious: restored, restoreFailed, knownGoodMoved: restore?.knownGoodMoved ?? false },
    summary: `promote ${params.recipe}: PROMOTION FAILED (${reason})${after}`,
  };
}
