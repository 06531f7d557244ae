import type { CommandEnv, Conclusion } from "../../lib/cli/command.ts";
import { defaultConclusion } from "../../lib/cli/conclude.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import type { Config } from "../../lib/config/types.ts";
import { createRealm, type RealmCredentials } from "../../lib/keycloak/create.ts";
import { keycloakUrl } from "../../lib/keycloak/config.ts";
import { keycloakHealthy } from "../../lib/keycloak/health.ts";
import { realmName } from "../../lib/keycloak/names.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import type { GraphRun } from "../../lib/runner/run.ts";
import { defineTask } from "../../lib/runner/task.ts";
import { warmAdmin } from "./admin.ts";
import type { RealmCreateParams } from "./params.ts";

/** The dependent app's domain: the run itself when it is a domain, else `<label>.<ciDomain>`. */
export function runDomain(run: string, config: Pick<Config, "ciDomain">): string {
  return run.includes(".") ? run : `${run}.${config.ciDomain}`;
}

/** One task: create (or complete, on a re-run) the run's realm; its secrets are masked in events. */
export function realmCreateGraph(env: CommandEnv): Graph<RealmCreateParams> {
  const create = defineTask<RealmCreateParams, RealmCredentials>({
    id: "create-realm",
    description: "create the run's realm, OIDC client and test user on the warm Keycloak",
    run: async (ctx) => {
      const admin = warmAdmin(ctx, env.config);
      const name = realmName(ctx.params.parent, ctx.params.run);
      const creds = await createRealm(admin, name, { appDomain: runDomain(ctx.params.run, env.config), signal: ctx.signal });
      ctx.secret(creds.clientSecret);
      ctx.secret(creds.password);
      ctx.log(`realm ${creds.realm} ready (client ${creds.clientId}, user ${creds.username})`);
      return creds;
    },
  });
  return defineGraph<RealmCreateParams>({ id: "realm-create", description: "a realm for one dependent run on the warm Keycloak", tasks: [create] });
}

/** No healthy warm Keycloak: the orchestrator co-deploys one as before (exit 4), nothing done. */
export async function realmCreatePrecheck(params: RealmCreateParams, env: CommandEnv): Promise<Conclusion | undefined> {
  const url = keycloakUrl(env.config);
  if (await keycloakHealthy(url, { timeoutMs: 10_000 })) return undefined;
  return {
    exitCode: ExitCode.FallbackToCold,
    result: { mode: "cold-codeploy", verdict: "fallback", fallback: true, parent: params.parent, run: params.run, reason: `no healthy warm Keycloak at ${url}` },
    summary: `realm-create ${params.parent}: no healthy warm Keycloak at ${url}: co-deploy one (cold)`,
  };
}

/**
 * The final result carries the credentials, and only it: events had them masked. `--json` prints
 * it as the last line (the human summary on stderr never shows a secret).
 */
export function concludeRealmCreate(run: GraphRun, params: RealmCreateParams, env: CommandEnv): Conclusion {
  const creds = run.output<RealmCredentials>("create-realm");
  if (run.status !== "passed" || !creds) return { ...defaultConclusion(run), result: { mode: "warm", verdict: run.status === "cancelled" ? "cancelled" : "error", parent: params.parent, run: params.run } };
  return {
    exitCode: ExitCode.Passed,
    result: { mode: "warm", verdict: "passed", parent: params.parent, run: params.run, keycloakUrl: keycloakUrl(env.config), ...creds },
    summary: `realm ${creds.realm} created (client ${creds.clientId}, user ${creds.username}, issuer ${creds.issuer}); credentials in the --json result line`,
  };
}
