import { defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { defaultConclusion } from "../lib/cli/conclude.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { type ReapEntry, reapStaleRealms } from "../lib/keycloak/reap.ts";
import { defineGraph } from "../lib/runner/graph.ts";
import { defineTask } from "../lib/runner/task.ts";
import { warmAdmin } from "./realm/admin.ts";
import { type RealmsReapParams, realmsReapParamsSchema } from "./realm/params.ts";

/** The summary of `realms-reap` (kept equal to the catalog's). */
export const REALMS_REAP_SUMMARY = "delete realms on the warm Keycloak whose run is gone (marked, no live stack, older than the grace)";

/**
 * `cc-warm realms-reap [dry-run=true] [grace-minutes=N]`: the realm reaper (WC1). Exit 0, or 3
 * when a deletion failed (the others still ran).
 *
 * @example
 * ```ts
 * // cc-warm realms-reap dry-run=true --json
 * ```
 */
export const realmsReapCommand: GraphCommand<RealmsReapParams> = defineCommand({
  name: "realms-reap",
  summary: REALMS_REAP_SUMMARY,
  params: realmsReapParamsSchema,
  build: (env) =>
    defineGraph<RealmsReapParams>({
      id: "realms-reap",
      tasks: [defineTask<RealmsReapParams, ReapEntry[]>({
        id: "reap", description: "list realms, keep live/fresh/unmarked ones, delete the rest",
        run: async (ctx) => {
          const graceMinutes = ctx.params["grace-minutes"] ?? env.config.keycloak.realmGraceMinutes;
          const entries = await reapStaleRealms(warmAdmin(ctx, env.config), { graceMinutes, dryRun: ctx.params["dry-run"], signal: ctx.signal });
          for (const e of entries.filter((x) => x.action !== "kept")) ctx.log(`${e.realm}: ${e.action} (${e.reason})`, e.action === "failed" ? "warn" : "info");
          return entries;
        },
      })],
    }),
  conclude: (run, params) => {
    const entries = run.output<ReapEntry[]>("reap");
    if (!entries) return defaultConclusion(run);
    const pick = (a: ReapEntry["action"]) => entries.filter((e) => e.action === a).map((e) => e.realm);
    const failed = entries.filter((e) => e.action === "failed");
    const result = { verdict: failed.length ? "error" : "passed", dryRun: params["dry-run"], deleted: pick("deleted"), wouldDelete: pick("would-delete"), failed, kept: pick("kept").length };
    const summary = params["dry-run"]
      ? `realms-reap (dry run): would delete ${result.wouldDelete.length}, keep ${result.kept}`
      : `realms-reap: deleted ${result.deleted.length}, kept ${result.kept}${failed.length ? `, FAILED ${failed.length}` : ""}`;
    return { exitCode: failed.length ? ExitCode.InfraError : ExitCode.Passed, result, summary };
  },
  examples: ["cc-warm realms-reap dry-run=true", "cc-warm realms-reap grace-minutes=30 --json"],
});
