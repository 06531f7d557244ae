import type { Config } from "../config/types.ts";
import type { AppRef, Deployer } from "../deploy/types.ts";
import { recipeSource } from "../deploy/abra-dir.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { ConfigError, InputError } from "../errors.ts";
import type { VolumeRef } from "../volumes/types.ts";
import { assertNoInfraCollision, canonicalDomain } from "./naming.ts";

/**
 * The canonical app of an enrolled recipe: `warm-<recipe>.<ciDomain>`, its stack, its recipe
 * checkout (config `recipes.<name>.source`, or, for abra, the shared abra dir's `recipes/<name>`).
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
  const recipeDir = recipeSource(enrolled.source, recipe, config.deployer);
  if (!recipeDir) throw new ConfigError("config", `recipes.${recipe}.source: needed by the docker-stack deployer (a git checkout of the recipe)`);
  return { recipe, domain, stack: stackNameFromDomain(domain), recipeDir };
}

/** What a snapshot of an app takes: its volumes, and the keys its backup labels exclude (recorded in the MANIFEST). */
export interface SnapshotVolumeSet {
  volumes: VolumeRef[];
  excluded: string[];
}

/**
 * The app's volumes that belong in its known-good snapshot, as the snapshot functions take them,
 * and the keys left out by backup label — from one listing. Take it while the app is deployed
 * where you can: the running services' labels are the truth (an undeployed app's come from its
 * recipe checkout, which may be at another ref).
 *
 * @example
 * ```ts
 * const { volumes, excluded } = await snapshotVolumeSet(deployer, app, { signal });
 * ```
 */
export async function snapshotVolumeSet(deployer: Deployer, app: AppRef, options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<SnapshotVolumeSet> {
  const all = await deployer.volumes(app, options);
  return {
    volumes: all.filter((v) => !v.excluded).map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint, key: v.name })),
    excluded: all.filter((v) => v.excluded).map((v) => v.name),
  };
}

/**
 * The app's volumes that belong in its known-good snapshot (backup exclusions left out).
 *
 * @example
 * ```ts
 * const refs = await snapshotVolumeRefs(deployer, app, { signal });
 * ```
 */
export async function snapshotVolumeRefs(deployer: Deployer, app: AppRef, options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<VolumeRef[]> {
  return (await snapshotVolumeSet(deployer, app, options)).volumes;
}
