import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { concludePrune } from "./prune/conclude.ts";
import { pruneGraph } from "./prune/graph.ts";
import { type PruneParams, pruneParamsSchema } from "./prune/params.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const PRUNE_SUMMARY = "free disk: cold-run leftovers, snapshot garbage, old images; never warm data (dry run by default)";

/**
 * `cc-warm prune [dry-run=true] [scope=<prefix>]`: the disk prune as a graph with the policy
 * from `config.disk`. Protected: every canonical's stack, the warm Keycloak, traefik and every
 * `warm-*` stack, with their volumes; known-good snapshots are never touched. The default is a
 * dry run that lists what would go and the bytes; `dry-run=false` removes it under the `prune` lock.
 *
 * @example
 * ```ts
 * // cc-warm prune                 (what would go)
 * // cc-warm prune dry-run=false   (remove it)
 * ```
 */
export const pruneCommand: GraphCommand<PruneParams> = defineCommand({
  name: "prune",
  summary: PRUNE_SUMMARY,
  params: pruneParamsSchema,
  build: pruneGraph,
  conclude: (run, params) => concludePrune(run, params),
  examples: ["cc-warm prune", "cc-warm prune dry-run=false --json"],
});
