import { runCommandOrThrow } from "../exec/command.ts";
import type { AppRef, Deployer } from "../deploy/types.ts";
import { getCanonical, markDirty } from "./registry.ts";

/**
 * Remove every volume of the canonical's stack (promotion by `rewarm` starts from nothing).
 * The app must be undeployed.
 *
 * @example
 * ```ts
 * await wipeStackVolumes(deployer, app, { signal });
 * ```
 */
export async function wipeStackVolumes(deployer: Deployer, app: AppRef, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const volumes = await deployer.volumes(app, options);
  for (const v of volumes) await runCommandOrThrow("docker", ["volume", "rm", v.dockerName], { signal: options.signal });
  return volumes.map((v) => v.dockerName);
}

/**
 * Empty a canonical before new data goes into it: mark it dirty (if it has a registry entry, so
 * a failure from here on makes the next run restore the known-good), undeploy it if deployed,
 * and remove its volumes. Returns the volumes removed.
 *
 * @example
 * ```ts
 * await clearCanonical(deployer, app, { stateDir, onStep: console.log });
 * ```
 */
export async function clearCanonical(deployer: Deployer, app: AppRef, options: { stateDir: string; signal?: AbortSignal; onStep?: (message: string) => void }): Promise<string[]> {
  const { signal } = options;
  if (await getCanonical(options.stateDir, app.recipe)) await markDirty(options.stateDir, app.recipe);
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain}`);
    await deployer.undeploy(app, { signal });
  }
  const wiped = await wipeStackVolumes(deployer, app, { signal });
  if (wiped.length) options.onStep?.(`wiped ${wiped.length} volume(s) of ${app.stack}`);
  return wiped;
}
