import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { concludePromote } from "./promote/conclude.ts";
import { promoteGraph } from "./promote/graph.ts";
import { type PromoteParams, promoteParamsSchema } from "./promote/params.ts";
import { promotePrecheck } from "./promote/precheck.ts";

/**
 * The summary `cc-warm --help` shows (kept equal to the catalog's).
 *
 * @example
 * ```ts
 * console.log(PROMOTE_SUMMARY);
 * ```
 */
export const PROMOTE_SUMMARY: string = "advance a recipe's canonical after a green cold run on its latest release (never from quick or a PR)";

/**
 * `cc-warm promote recipe=X verdict=green|red mode=cold|quick [ref=…] [version=…] [cold-domain=…]`:
 * called by the orchestrator after every cold run. Not eligible (red, quick, PR ref, not latest,
 * not enrolled) → `promotion: "not-eligible"`, exit 0, nothing touched. Promoted → exit 0.
 * Failed → `promotion: "failed"`, exit 3, the previous known-good and registry entry kept.
 *
 * @example
 * ```ts
 * // cc-warm promote recipe=demo verdict=green mode=cold ref=v2 --json
 * ```
 */
export const promoteCommand: GraphCommand<PromoteParams> = defineCommand({
  name: "promote",
  summary: PROMOTE_SUMMARY,
  params: promoteParamsSchema,
  build: promoteGraph,
  precheck: (params, env) => promotePrecheck(params, env),
  conclude: (run, params) => concludePromote(run, params),
  examples: ["cc-warm promote recipe=demo verdict=green mode=cold --json", "cc-warm promote recipe=demo verdict=green mode=cold ref=refs/pull/12/head   # not eligible, exit 0"],
});
