import { runCommandOrThrow } from "../exec/command.ts";
import type { AppRef, Deployer } from "../deploy/types.ts";
import { readManifest } from "../volumes/manifest.ts";
import { snapshotLayout } from "../volumes/layout.ts";
import { getCanonical, markDirty } from "./registry.ts";

/**
 * Make sure every volume the known-good MANIFEST holds exists in Docker under the canonical's
 * stack (a wiped or deleted volume is recreated empty, labelled as the stack's, so a restore
 * can fill it). Returns the names created.
 *
 * @example
 * ```ts
 * await ensureManifestVolumes(app, { stateDir, signal });
 * ```
 */
export async function ensureManifestVolumes(app: AppRef, options: { stateDir: string; signal?: AbortSignal }): Promise<string[]> {
  const { manifest } = await readManifest(snapshotLayout(options.stateDir, app.recipe).knownGood);
  const existing = new Set(
    (await runCommandOrThrow("docker", ["volume", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${app.stack}`], { signal: options.signal })).stdout
      .split("\n").filter(Boolean),
  );
  const created: string[] = [];
  for (const v of manifest.volumes) {
    const name = `${app.stack}_${v.key}`;
    if (existing.has(name)) continue;
    await runCommandOrThrow("docker", ["volume", "create", "--label", `com.docker.stack.namespace=${app.stack}`, name], { signal: options.signal });
    created.push(name);
  }
  return created;
}

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
