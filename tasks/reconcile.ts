import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { ConfigError } from "../lib/errors.ts";
import { infraApp } from "../lib/reconcile/infra-app.ts";
import { pickRelease } from "../lib/reconcile/releases.ts";
import { listReleases } from "../lib/release/latest.ts";
import { concludeReconcile } from "./reconcile/conclude.ts";
import { reconcileGraph } from "./reconcile/graph.ts";
import { type ReconcileParams, reconcileParamsSchema } from "./reconcile/params.ts";

/** The summary `cc-warm --help` shows (kept equal to the catalog's). */
export const RECONCILE_SUMMARY = "bring a live-warm infra app (keycloak, traefik) to its recipe's latest release: gate, snapshot, deploy, health, commit or roll back";

/**
 * `cc-warm reconcile app=keycloak [version=…] [approve=…] [dry-run=true]`: the health-gated
 * reconciler for warm infrastructure (WC1.1, WC1.2). Exit 0 reconciled/unchanged/planned, 1 held
 * or rolled back (alert raised), 2 bad input, 3 rollback failed or other infra error, 5 cancelled.
 *
 * @example
 * ```ts
 * // cc-warm reconcile app=keycloak --json
 * ```
 */
export const reconcileCommand: GraphCommand<ReconcileParams> = defineCommand({
  name: "reconcile",
  summary: RECONCILE_SUMMARY,
  params: reconcileParamsSchema,
  build: reconcileGraph,
  precheck: async (params, env) => {
    // Bad names and unknown versions are refused before the lock or any deploy.
    const { app } = infraApp(params.app, env.config);
    if (!params.version) return;
    const releases = await listReleases(app.recipeDir, { allowPrereleases: env.config.infra[params.app]?.allowPrereleases }).catch((cause) => {
      throw new ConfigError(`infra.${params.app}.source`, `${app.recipeDir} is not a readable git repository of the recipe`, { cause });
    });
    pickRelease(releases, params.version);
  },
  conclude: (run, params) => concludeReconcile(run, params),
  examples: [
    "cc-warm reconcile app=keycloak --json",
    "cc-warm reconcile app=keycloak dry-run=true",
    "cc-warm reconcile app=keycloak version=2.0.0+26.5.6 approve=2.0.0+26.5.6",
  ],
});
