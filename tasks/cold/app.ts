import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Config } from "../../lib/config/types.ts";
import { appEnvPath } from "../../lib/deploy/app-env.ts";
import { removeGeneratedSecrets } from "../../lib/deploy/secrets.ts";
import { waitStackGone } from "../../lib/deploy/undeploy.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { ConfigError, InputError } from "../../lib/errors.ts";
import { runCommandOrThrow } from "../../lib/exec/command.ts";

/**
 * A fresh app for one cold run at a per-run domain `cold-<6hex>-<recipe>.<ciDomain>` (never the
 * canonical's domain).
 *
 * @example
 * ```ts
 * const app = coldApp("demo", config);
 * ```
 */
export function coldApp(recipe: string, config: Config, hex: string = randomBytes(3).toString("hex")): AppRef {
  const enrolled = config.recipes[recipe];
  if (!enrolled) throw new InputError("recipe", `"${recipe}" is not in the config's recipes (its source repository is needed)`);
  if (!enrolled.source) throw new ConfigError("config", `recipes.${recipe}.source: needed to deploy the recipe`);
  const domain = `cold-${hex}-${recipe}.${config.ciDomain}`;
  return { recipe, domain, stack: stackNameFromDomain(domain), recipeDir: enrolled.source };
}

/**
 * Cold teardown is sacred: remove the stack (waiting until nothing of it remains), then its
 * volumes, generated secrets, configs and app env file. Returns what it removed.
 *
 * @example
 * ```ts
 * await teardownColdApp(deployer, app, config.stateDir, { signal });
 * ```
 */
export async function teardownColdApp(deployer: Deployer, app: AppRef, stateDir: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const { signal } = options;
  await deployer.undeploy(app, { signal });
  const removed: string[] = [];
  const byLabel = async (kind: "volume" | "config") => {
    const ls = await runCommandOrThrow("docker", [kind, "ls", "-q", "--filter", `label=com.docker.stack.namespace=${app.stack}`], { signal });
    const ids = ls.stdout.split("\n").filter(Boolean);
    if (ids.length) await runCommandOrThrow("docker", [kind, "rm", ...ids], { signal });
    removed.push(...ids.map((id) => `${kind}:${id}`));
  };
  await byLabel("volume");
  await byLabel("config");
  removed.push(...(await removeGeneratedSecrets(app.stack, { signal })).map((id) => `secret:${id}`));
  await rm(appEnvPath(stateDir, app.domain), { force: true });
  // Last, the stack's network, which Swarm removes a few seconds after the containers.
  await waitStackGone(app.stack, { signal });
  return removed;
}
