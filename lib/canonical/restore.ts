import type { AppRef, Deployer } from "../deploy/types.ts";
import { syncFilesystem } from "../volumes/fsync.ts";
import { restoreSnapshot, type RestoreResult } from "../volumes/restore.ts";
import type { ProgressFn } from "../volumes/types.ts";
import { snapshotVolumeRefs } from "./app.ts";
import { markClean } from "./registry.ts";
import { ensureManifestVolumes } from "./volumes.ts";

/** Options for {@linkcode restoreCanonical}. */
export interface RestoreCanonicalOptions {
  stateDir: string;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Called before a step that takes a while. */
  onStep?: (message: string) => void;
}

/**
 * Bring a canonical's data back to its known-good: undeploy it if it is deployed (waiting until
 * no container remains), restore the volumes from the snapshot (copying only what differs),
 * verify against the MANIFEST (restoreSnapshot throws otherwise), then mark the canonical clean.
 *
 * @example
 * ```ts
 * const res = await restoreCanonical(deployer, app, { stateDir, signal });
 * ```
 */
export async function restoreCanonical(deployer: Deployer, app: AppRef, options: RestoreCanonicalOptions): Promise<RestoreResult> {
  const { signal } = options;
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain} before restoring its data`);
    await deployer.undeploy(app, { signal });
  }
  const created = await ensureManifestVolumes(app, { stateDir: options.stateDir, signal });
  if (created.length) options.onStep?.(`recreated missing volume(s): ${created.join(", ")}`);
  const volumes = await snapshotVolumeRefs(deployer, app, { signal });
  options.onStep?.(`restoring ${volumes.length} volume(s) of ${app.domain} from the known-good`);
  const res = await restoreSnapshot(volumes, { stateDir: options.stateDir, recipe: app.recipe, stack: app.stack, signal, onProgress: options.onProgress });
  // The data must be on disk before the registry says "clean" (which is written durably): after
  // a power loss a clean flag over unsynced data would make the next run skip its restore.
  for (const v of volumes) await syncFilesystem(v.mountpoint, { signal });
  await markClean(options.stateDir, app.recipe);
  return res;
}
