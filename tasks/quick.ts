import { accessSync, constants } from "node:fs";
import { getCanonical } from "../lib/canonical/registry.ts";
import { defineCommand, type Conclusion, type GraphCommand } from "../lib/cli/command.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { InputError } from "../lib/errors.ts";
import { keycloakUrl } from "../lib/keycloak/config.ts";
import { keycloakHealthy } from "../lib/keycloak/health.ts";
import { type CommandResult, runCommandGraph, type RunCommandGraphOptions } from "../lib/cli/run-command.ts";
import { concludeQuick } from "./quick/conclude.ts";
import { quickGraph } from "./quick/graph.ts";
import { type QuickParams, quickParamsSchema } from "./quick/params.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const QUICK_SUMMARY = "upgrade the recipe's canonical to a PR ref with its data; roll back on failure (opt-in warm lane)";

const fallback = (params: QuickParams, reason: string): Conclusion => ({
  exitCode: ExitCode.FallbackToCold,
  result: { mode: "cold", verdict: "fallback", fallback: true, recipe: params.recipe, ref: params.ref, reason },
  summary: `quick ${params.recipe}: falling back to cold: ${reason}`,
});

/**
 * `cc-warm quick recipe=X [ref=…]`: the quick lane. No canonical (or no healthy warm Keycloak for
 * an SSO recipe) → the fallback result, exit 4, nothing touched.
 *
 * @example
 * ```ts
 * // deno task quick recipe=demo ref=refs/pull/12/head
 * ```
 */
export const quickCommand: GraphCommand<QuickParams> = defineCommand({
  name: "quick",
  summary: QUICK_SUMMARY,
  params: quickParamsSchema,
  build: quickGraph,
  precheck: async (params, env) => {
    if (params.assert) {
      try {
        accessSync(params.assert, constants.X_OK);
      } catch {
        throw new InputError("assert", `${params.assert} is not an executable file`);
      }
    }
    const enrolled = env.config.recipes[params.recipe];
    if (!enrolled) return fallback(params, `${params.recipe} is not enrolled for a canonical`);
    if (!(await getCanonical(env.config.stateDir, params.recipe))) return fallback(params, `${params.recipe} has no canonical yet (a green cold run seeds it)`);
    if (enrolled.sso && !(await keycloakHealthy(keycloakUrl(env.config), { timeoutMs: 10_000 }))) {
      return fallback(params, `no healthy warm Keycloak at ${keycloakUrl(env.config)} (cold co-deploys one)`);
    }
  },
  conclude: (run, params) => concludeQuick(run, params),
  examples: ["cc-warm quick recipe=demo ref=v2", "cc-warm quick recipe=demo ref=refs/pull/12/head --json"],
});

/**
 * Run the quick lane from code (the library form of `cc-warm quick`): the same validation,
 * fallback, graph and result as the CLI.
 *
 * @example
 * ```ts
 * import { quick } from "cc-warm";
 * const result = await quick({ recipe: "demo", ref: "v2" }, { configPath: "/etc/cc-warm/config.json" });
 * console.log(result.verdict, result.exitCode); // the object `cc-warm quick --json` prints last
 * ```
 */
export function quick(params: { recipe: string; ref?: string; assert?: string; timeout?: number }, options: RunCommandGraphOptions = {}): Promise<CommandResult> {
  return runCommandGraph(quickCommand, params, options);
}
