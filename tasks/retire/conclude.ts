import { retirementItems, type RetirePlan } from "../../lib/canonical/retire-plan.ts";
import type { Conclusion } from "../../lib/cli/command.ts";
import { defaultConclusion } from "../../lib/cli/conclude.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import type { RetireParams } from "./params.ts";

/**
 * Read a retire run: what the canonical holds and what was (or would be) removed. A failure
 * keeps the registry entry (removed last), so running it again finishes the job.
 *
 * @example
 * ```ts
 * const { result, summary } = concludeRetire(run, params);
 * ```
 */
export function concludeRetire(run: GraphRun, params: RetireParams): Conclusion {
  const base = defaultConclusion(run);
  const plan = run.output<RetirePlan>("plan");
  const items = plan ? retirementItems(plan) : [];
  const removed = run.output<string[]>("remove") ?? [];
  const dryRun = params["dry-run"];
  const result = {
    ...base.result, recipe: params.recipe, dryRun, domain: plan?.domain ?? null, stack: plan?.stack ?? null,
    enrolled: plan?.enrolled ?? null, items, removed,
  };
  if (run.status !== "passed") return { ...base, result, summary: `retire ${params.recipe}: ${base.summary}; nothing is lost that a rerun cannot finish (the registry entry goes last)` };
  const head = !items.length
    ? `retire ${params.recipe}: nothing to remove (no canonical on this host)`
    : dryRun
    ? `retire ${params.recipe} (dry run) would remove:\n  ${items.join("\n  ")}\nrun again with dry-run=false to remove them`
    : `retire ${params.recipe} removed:\n  ${removed.join("\n  ")}`;
  const note = plan?.enrolled && items.length ? `\nnote: ${params.recipe} is still enrolled (config recipes): its next green cold run on latest seeds a new canonical` : "";
  return { ...base, result, summary: head + note };
}
