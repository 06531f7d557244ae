/**
 * A stateful infra app's data around an upgrade: snapshot it undeployed before, restore it
 * (verified against the MANIFEST) on rollback. Snapshots live under `<stateDir>/infra-<app>/`.
 * @module
 */
import { snapshotVolumeRefs } from "../canonical/app.ts";
import { ensureManifestVolumes } from "../canonical/volumes.ts";
import type { Deployer } from "../deploy/types.ts";
import { listStackVolumes } from "../deploy/volumes.ts";
import { snapshotLayout } from "../volumes/layout.ts";
import { readManifest } from "../volumes/manifest.ts";
import { restoreSnapshot, type RestoreResult } from "../volumes/restore.ts";
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
  const volumes = await snapshotVolumeRefs(deployer, app, { signal });
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain} to snapshot its data`);
    await deployer.undeploy(app, { signal });
  }
  if (!volumes.length) return undefined;
  options.onStep?.(`snapshotting ${volumes.length} volume(s) of ${app.stack}`);
  return snapshotVolumes(volumes, { stateDir: options.stateDir, recipe: infra.snapshotName, stack: app.stack, commit, signal, onProgress: options.onProgress });
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
export async function restoreInfraData(deployer: Deployer, infra: InfraApp, options: InfraDataOptions): Promise<RestoreResult> {
  const { app } = infra;
  const { signal } = options;
  if (await deployer.isDeployed(app, { signal })) {
    options.onStep?.(`undeploying ${app.domain} before restoring its data`);
    await deployer.undeploy(app, { signal });
  }
  const created = await ensureManifestVolumes({ ...app, recipe: infra.snapshotName }, { stateDir: options.stateDir, signal });
  if (created.length) options.onStep?.(`recreated missing volume(s): ${created.join(", ")}`);
  // The snapshot says which volumes it holds: take exactly those (no compose render needed).
  const { manifest } = await readManifest(snapshotLayout(options.stateDir, infra.snapshotName).knownGood);
  const keys = new Set(manifest.volumes.map((v) => v.key));
  const volumes = (await listStackVolumes(app.stack, { signal })).filter((v) => keys.has(v.name)).map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint, key: v.name }));
  options.onStep?.(`restoring ${volumes.length} volume(s) of ${app.stack} from the pre-upgrade snapshot`);
  return restoreSnapshot(volumes, { stateDir: options.stateDir, recipe: infra.snapshotName, stack: app.stack, signal, onProgress: options.onProgress });
}
