import { assertNoInfraCollision } from "../lib/canonical/naming.ts";
import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { InputError } from "../lib/errors.ts";
import { concludeRetire } from "./retire/conclude.ts";
import { retireGraph } from "./retire/graph.ts";
import { type RetireParams, retireParamsSchema } from "./retire/params.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const RETIRE_SUMMARY = "remove a recipe's canonical: stack, volumes, secrets, known-good, registry entry — the only way warm data is deleted (dry run by default)";

/**
 * `cc-warm retire recipe=X [dry-run=false]`: the only way warm data is ever deleted. Lists what
 * the canonical holds; with `dry-run=false`, under the recipe's lock, removes its stack,
 * volumes, generated secrets and configs, app env, known-good snapshot and registry entry.
 * Live-warm infrastructure (the warm Keycloak, traefik, `infra` apps) is refused.
 *
 * @example
 * ```ts
 * // cc-warm retire recipe=demo                 (what would go)
 * // cc-warm retire recipe=demo dry-run=false   (remove it)
 * ```
 */
export const retireCommand: GraphCommand<RetireParams> = defineCommand({
  name: "retire",
  summary: RETIRE_SUMMARY,
  params: retireParamsSchema,
  build: retireGraph,
  precheck: (params, env) => {
    assertNoInfraCollision(params.recipe, env.config);
    if (Object.hasOwn(env.config.infra, params.recipe)) throw new InputError("recipe", `"${params.recipe}" is a live-warm infra app (config infra), not a canonical: retire never touches it`);
  },
  conclude: (run, params) => concludeRetire(run, params),
  examples: ["cc-warm retire recipe=demo", "cc-warm retire recipe=demo dry-run=false --json"],
});
