import type { AppRef, Deployer } from "../deploy/types.ts";
import { syncFilesystem } from "../volumes/fsync.ts";
import { restoreSnapshot, type RestoreResult } from "../volumes/restore.ts";
import type { ProgressFn } from "../volumes/types.ts";
import { planKnownGoodVolumes, removeExtraVolumes } from "./known-good-volumes.ts";
import { markClean } from "./registry.ts";

/** Options for {@linkcode restoreCanonical}. */
export interface RestoreCanonicalOptions {
  stateDir: string;
  /** The snapshot area under `stateDir` (default: the app's recipe; `infra-<app>` for infra apps). */
  snapshotName?: string;
  /** Mark the registry entry clean afterwards (default true; infra apps have none). */
  markClean?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Called before a step that takes a while. */
  onStep?: (message: string) => void;
}

/** What {@linkcode restoreCanonical} did: the restore, plus the volumes it made match the MANIFEST. */
export interface RestoreCanonicalResult extends RestoreResult {
  /** MANIFEST volumes that were missing and were recreated (Docker names). */
  volumesCreated: string[];
  /** Volumes created after the known-good (by a PR) and removed (Docker names). */
  volumesRemoved: string[];
}

/**
 * Bring a canonical's data back to its known-good: undeploy it if it is deployed (waiting until
 * no container remains), take the volumes from the known-good's MANIFEST (recreating missing
 * ones, removing ones a PR created, leaving backup-excluded ones), restore them (copying only
 * what differs), verify against the MANIFEST (restoreSnapshot throws otherwise), sync, then mark
 * the canonical clean.
 *
 * @example
 * ```ts
 * const res = await restoreCanonical(deployer, app, { stateDir, signal });
 * ```
 */
export async function restoreCanonical(deployer: Deployer, app: AppRef, options: RestoreCanonicalOptions): Promise<RestoreCanonicalResult> {
  const { signal } = options;
  const snapshotName = options.snapshotName ?? app.recipe;
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain} before restoring its data`);
    await deployer.undeploy(app, { signal });
  }
  const plan = await planKnownGoodVolumes(app.stack, { stateDir: options.stateDir, snapshotName, signal });
  if (plan.created.length) options.onStep?.(`recreated missing volume(s): ${plan.created.join(", ")}`);
  const removed = await removeExtraVolumes(plan, { signal });
  if (removed.length) options.onStep?.(`removed volume(s) the known-good does not hold (created after it): ${removed.join(", ")}`);
  if (plan.extra.length && !plan.exclusionsKnown) options.onStep?.(`left volume(s) ${plan.extra.join(", ")} in place: the known-good's MANIFEST predates recorded exclusions (promote again to record them)`);
  options.onStep?.(`restoring ${plan.restore.length} volume(s) of ${app.domain} from the known-good`);
  const res = await restoreSnapshot(plan.restore, { stateDir: options.stateDir, recipe: snapshotName, stack: app.stack, signal, onProgress: options.onProgress });
  // The data must be on disk before the registry says "clean" (which is written durably): after
  // a power loss a clean flag over unsynced data would make the next run skip its restore.
  for (const v of plan.restore) await syncFilesystem(v.mountpoint, { signal });
  if (options.markClean ?? true) await markClean(options.stateDir, app.recipe);
  return { ...res, volumesCreated: plan.created, volumesRemoved: removed };
}
