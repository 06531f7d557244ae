import type { CommandEnv } from "../../lib/cli/command.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { runCommand } from "../../lib/exec/command.ts";
import type { RealmCredentials } from "../../lib/keycloak/create.ts";
import { REALM_FILE_ENV, withRealmFile } from "../../lib/keycloak/realm-file.ts";
import type { TaskContext } from "../../lib/runner/task.ts";

/** What the asserts run against. */
export interface AssertTarget {
  app: AppRef;
  deployer: Deployer;
  /** Deadline of the custom assert program (ms). */
  convergeMs: number;
  /** `quick` or `cold`: in the program's environment as CC_WARM_MODE. */
  mode: "quick" | "cold";
  /** The run's realm (SSO recipes): handed to the program as a 0600 file, see {@linkcode withRealmFile}. */
  realm?: RealmCredentials | undefined;
}

/** The params the asserts read. */
export interface AssertParams {
  ref: string;
  assert?: string | undefined;
}

/** The upgrade did not hold up: a FAIL verdict (not an infrastructure error). */
export class AssertFailedError extends Error {
  override name = "AssertFailedError";
}

/**
 * The asserts after the upgrade: generic (the stack is still converged and healthy) then the
 * custom assert program (the caller's `assert=`, else the recipe's `assertCommand`), run with the
 * app's domain, stack, ref and recipe in its environment, and for an SSO recipe the path of the
 * run's realm credentials file (`CC_WARM_REALM_FILE`, deleted when the program ends).
 */
export async function runAsserts<P extends AssertParams>(ctx: TaskContext<P>, c: AssertTarget, env: CommandEnv): Promise<{ custom: string | undefined }> {
  const report = await c.deployer.waitConverged(c.app, { timeoutMs: 60_000, signal: ctx.signal });
  if (!report.converged) throw new AssertFailedError(`generic assert: ${c.app.stack} is not converged and healthy: ${report.failure ?? "unknown"}`);
  ctx.log(`generic assert passed: ${report.services.length} service(s) converged and healthy`);
  const argv = ctx.params.assert ? [ctx.params.assert] : env.config.recipes[c.app.recipe]?.assertCommand;
  if (!argv) return { custom: undefined };
  const vars = { CC_WARM_DOMAIN: c.app.domain, CC_WARM_STACK: c.app.stack, CC_WARM_REF: ctx.params.ref, CC_WARM_RECIPE: c.app.recipe, CC_WARM_MODE: c.mode };
  const run = (extra: Record<string, string> = {}) => runCommand(argv[0]!, argv.slice(1), { signal: ctx.signal, timeoutMs: c.convergeMs, env: { ...vars, ...extra } });
  const res = c.realm ? await withRealmFile(c.realm, (path) => run({ [REALM_FILE_ENV]: path })) : await run();
  if (res.isCanceled) throw ctx.signal.reason;
  const tail = `${res.stdout}\n${res.stderr}`.trim().split("\n").slice(-5).join(" | ").slice(-600);
  if (res.failed) throw new AssertFailedError(`custom assert ${argv[0]} ${res.timedOut ? "timed out" : `exited ${res.exitCode}`}${tail ? `: ${tail}` : ""}`);
  ctx.log(`custom assert ${argv[0]} passed`);
  return { custom: argv[0] };
}
