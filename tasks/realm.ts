import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { defaultConclusion } from "../lib/cli/conclude.ts";
import { deleteRealm, type DeleteRealmResult } from "../lib/keycloak/delete.ts";
import { defineGraph } from "../lib/runner/graph.ts";
import { defineTask } from "../lib/runner/task.ts";
import { warmAdmin } from "./realm/admin.ts";
import { concludeRealmCreate, realmCreateGraph, realmCreatePrecheck } from "./realm/create.ts";
import { type RealmCreateParams, realmCreateParamsSchema, type RealmDeleteParams, realmDeleteParamsSchema } from "./realm/params.ts";

/** The summary of `realm-create` (kept equal to the catalog's). */
export const REALM_CREATE_SUMMARY = "create a dependent run's realm on the warm Keycloak; credentials in the --json result (exit 4: no warm Keycloak, co-deploy)";
/** The summary of `realm-delete` (kept equal to the catalog's). */
export const REALM_DELETE_SUMMARY = "delete a run's realm from the warm Keycloak (idempotent; only cc-warm realms)";

/**
 * `cc-warm realm-create parent=<recipe> run=<domain|label> --json`: the last JSON line carries
 * `realm`, `clientId`, `clientSecret`, `username`, `password`, `issuer`. No healthy warm Keycloak
 * → `mode: "cold-codeploy"`, exit 4, nothing done.
 *
 * @example
 * ```ts
 * // cc-warm realm-create parent=lasuite-docs run=docs-pr12-4f1e.ci.example.org --json
 * ```
 */
export const realmCreateCommand: GraphCommand<RealmCreateParams> = defineCommand({
  name: "realm-create",
  summary: REALM_CREATE_SUMMARY,
  params: realmCreateParamsSchema,
  build: realmCreateGraph,
  precheck: realmCreatePrecheck,
  conclude: concludeRealmCreate,
  examples: ["cc-warm realm-create parent=lasuite-docs run=docs-pr12-4f1e.ci.example.org --json"],
});

/**
 * `cc-warm realm-delete realm=<name>`: delete a run's realm; already gone → `deleted: false`,
 * exit 0. Refuses `master` and any realm without cc-warm's marker (exit 2).
 *
 * @example
 * ```ts
 * // cc-warm realm-delete realm=lasuite-docs-1a2b3c --json
 * ```
 */
export const realmDeleteCommand: GraphCommand<RealmDeleteParams> = defineCommand({
  name: "realm-delete",
  summary: REALM_DELETE_SUMMARY,
  params: realmDeleteParamsSchema,
  build: (env) =>
    defineGraph<RealmDeleteParams>({
      id: "realm-delete",
      tasks: [defineTask<RealmDeleteParams, DeleteRealmResult>({
        id: "delete-realm", description: "delete the realm (a missing realm is fine)",
        run: async (ctx) => {
          const res = await deleteRealm(warmAdmin(ctx, env.config), ctx.params.realm, { signal: ctx.signal });
          ctx.log(res.deleted ? `realm ${res.realm} deleted` : `realm ${res.realm} was already gone`);
          return res;
        },
      })],
    }),
  conclude: (run, params) => {
    const res = run.output<DeleteRealmResult>("delete-realm");
    const base = defaultConclusion(run);
    if (!res) return { ...base, result: { ...base.result, realm: params.realm } };
    return { ...base, result: { ...base.result, realm: res.realm, deleted: res.deleted }, summary: `realm ${res.realm} ${res.deleted ? "deleted" : "was already gone"}` };
  },
  examples: ["cc-warm realm-delete realm=lasuite-docs-1a2b3c"],
});
