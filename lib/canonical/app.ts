import { homedir } from "node:os";
import { join } from "node:path";
import type { Config } from "../config/types.ts";
import type { AppRef, Deployer } from "../deploy/types.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { ConfigError, InputError } from "../errors.ts";
import type { VolumeRef } from "../volumes/types.ts";
import { assertNoInfraCollision, canonicalDomain } from "./naming.ts";

/**
 * The canonical app of an enrolled recipe: `warm-<recipe>.<ciDomain>`, its stack, its recipe
 * checkout (config `recipes.<name>.source`, or abra's `~/.abra/recipes/<name>`).
 *
 * @example
 * ```ts
 * const app = canonicalApp("demo", config);
 * ```
 */
export function canonicalApp(recipe: string, config: Config): AppRef {
  const enrolled = config.recipes[recipe];
  if (!enrolled) throw new InputError("recipe", `"${recipe}" is not enrolled (config recipes: ${Object.keys(config.recipes).join(", ") || "none"})`);
  assertNoInfraCollision(recipe, config);
  const domain = canonicalDomain(recipe, config);
  const recipeDir = enrolled.source ?? (config.deployer.kind === "abra" ? join(homedir(), ".abra", "recipes", recipe) : undefined);
  if (!recipeDir) throw new ConfigError("config", `recipes.${recipe}.source: needed by the docker-stack deployer (a git checkout of the recipe)`);
  return { recipe, domain, stack: stackNameFromDomain(domain), recipeDir };
}

/**
 * The app's volumes that belong in its known-good snapshot (backup exclusions left out), as the
 * snapshot functions take them.
 *
 * @example
 * ```ts
 * const refs = await snapshotVolumeRefs(deployer, app, { signal });
 * ```
 */
export async function snapshotVolumeRefs(deployer: Deployer, app: AppRef, options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<VolumeRef[]> {
  const volumes = await deployer.volumes(app, options);
  return volumes.filter((v) => !v.excluded).map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint, key: v.name }));
}
