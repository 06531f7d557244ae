/**
 * A stateful infra app's data around an upgrade: snapshot it undeployed before, restore it
 * (verified against the MANIFEST) on rollback. Snapshots live under `<stateDir>/infra-<app>/`.
 * @module
 */
import { snapshotVolumeSet } from "../canonical/app.ts";
import { restoreCanonical } from "../canonical/restore.ts";
import type { Deployer } from "../deploy/types.ts";
import type { RestoreResult } from "../volumes/restore.ts";
import { snapshotVolumes } from "../volumes/snapshot.ts";
import type { ProgressFn, SnapshotResult } from "../volumes/types.ts";
import type { InfraApp } from "./infra-app.ts";

/** Options of {@linkcode snapshotInfraData} and {@linkcode restoreInfraData}. */
export interface InfraDataOptions {
  /** Holds `infra-<app>/known-good`. */
  stateDir: string;
  /** Cancels the copy. */
  signal?: AbortSignal;
  /** Bytes copied/hashed. */
  onProgress?: ProgressFn;
  /** One line before each slow step. */
  onStep?: (message: string) => void;
}

/**
 * Undeploy the app (waiting until no container remains) and snapshot its volumes as the
 * known-good of `infra-<app>`, recording `commit` (the last-good release's). Returns undefined
 * when the app has no volumes (nothing to protect).
 *
 * @example
 * ```ts
 * const snap = await snapshotInfraData(deployer, infra, "3f2a1b0", { stateDir });
 * ```
 */
export async function snapshotInfraData(deployer: Deployer, infra: InfraApp, commit: string, options: InfraDataOptions): Promise<SnapshotResult | undefined> {
  const { app } = infra;
  const { signal } = options;
  // Listed while deployed when it is: the running services' labels are the truth (the recipe
  // checkout may be at another release than the one running).
  const { volumes, excluded } = await snapshotVolumeSet(deployer, app, { signal });
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain} to snapshot its data`);
    await deployer.undeploy(app, { signal });
  }
  if (!volumes.length) return undefined;
  options.onStep?.(`snapshotting ${volumes.length} volume(s) of ${app.stack}`);
  return snapshotVolumes(volumes, { stateDir: options.stateDir, recipe: infra.snapshotName, stack: app.stack, commit, excludedVolumes: excluded, signal, onProgress: options.onProgress });
}

/**
 * Undeploy the app if needed and restore its volumes from the `infra-<app>` known-good
 * (missing volumes recreated first); throws unless the result verifies against the MANIFEST.
 *
 * @example
 * ```ts
 * await restoreInfraData(deployer, infra, { stateDir });
 * ```
 */
export function restoreInfraData(deployer: Deployer, infra: InfraApp, options: InfraDataOptions): Promise<RestoreResult> {
  // The same MANIFEST-driven restore as a canonical's; infra apps have no registry entry.
  return restoreCanonical(deployer, infra.app, { ...options, snapshotName: infra.snapshotName, markClean: false });
}
