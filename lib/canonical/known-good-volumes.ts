/**
 * Which of a stack's volumes a restore touches, decided by the known-good's MANIFEST alone —
 * never by rendering a compose file at whatever ref is checked out (a PR that added a volume
 * would otherwise make the known-good look incomplete, and wedge every later run).
 * @module
 */
import { runCommandOrThrow } from "../exec/command.ts";
import { type AppVolume, listStackVolumes } from "../deploy/volumes.ts";
import { InfraError } from "../errors.ts";
import { snapshotLayout } from "../volumes/layout.ts";
import { readManifest } from "../volumes/manifest.ts";
import type { Manifest } from "../volumes/manifest-schema.ts";
import type { VolumeRef } from "../volumes/types.ts";

/** The stack's volumes sorted by what a restore does with them. */
export interface KnownGoodVolumePlan {
  /** The MANIFEST's volumes as they exist now (`<stack>_<key>`), to restore. */
  restore: VolumeRef[];
  /** MANIFEST volumes that were missing and were created empty (Docker names). */
  created: string[];
  /** Stack volumes the known-good neither holds nor excludes: created after it (by a PR); Docker names. */
  extra: string[];
  /** Volumes the MANIFEST records as excluded by backup label: left as they are (Docker names). */
  excluded: string[];
  /** False for a MANIFEST written before exclusions were recorded: extras cannot be told from exclusions, so none is removed. */
  exclusionsKnown: boolean;
}

/**
 * Read the MANIFEST of `<stateDir>/<snapshotName>/known-good`, list the stack's volumes once,
 * create the MANIFEST volumes that are missing (empty, labelled as the stack's) and sort the
 * rest into extra and excluded. The app must be undeployed.
 *
 * @example
 * ```ts
 * const plan = await planKnownGoodVolumes("warm-demo_ci_local", { stateDir, snapshotName: "demo" });
 * ```
 */
export async function planKnownGoodVolumes(stack: string, options: { stateDir: string; snapshotName: string; signal?: AbortSignal }): Promise<KnownGoodVolumePlan> {
  const { signal } = options;
  const { manifest } = await readManifest(snapshotLayout(options.stateDir, options.snapshotName).knownGood);
  let live = await listStackVolumes(stack, { signal });
  const missing = classifyStackVolumes(manifest, stack, live).missing;
  for (const name of missing) await runCommandOrThrow("docker", ["volume", "create", "--label", `com.docker.stack.namespace=${stack}`, name], { signal });
  if (missing.length) live = await listStackVolumes(stack, { signal });
  const sorted = classifyStackVolumes(manifest, stack, live);
  if (sorted.missing.length) throw new InfraError(`volume(s) ${sorted.missing.join(", ")} were created but docker does not list them under stack ${stack}: check \`docker volume ls\` and run again`);
  return { ...sorted, created: missing };
}

/**
 * Sort a stack's live volumes by the MANIFEST (pure): the ones to restore, the MANIFEST
 * volumes missing (Docker names), the extra ones and the excluded ones.
 *
 * @example
 * ```ts
 * const { restore, missing, extra } = classifyStackVolumes(manifest, "warm-demo", await listStackVolumes("warm-demo"));
 * ```
 */
export function classifyStackVolumes(manifest: Pick<Manifest, "volumes" | "excluded">, stack: string, live: readonly Pick<AppVolume, "name" | "dockerName" | "mountpoint">[]): Omit<KnownGoodVolumePlan, "created"> & { missing: string[] } {
  const wanted = new Map(manifest.volumes.map((v) => [`${stack}_${v.key}`, v.key]));
  const excludedKeys = new Set(manifest.excluded ?? []);
  const others = live.filter((v) => !wanted.has(v.dockerName));
  return {
    restore: live.filter((v) => wanted.has(v.dockerName)).map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint, key: wanted.get(v.dockerName)! })),
    missing: [...wanted.keys()].filter((name) => !live.some((v) => v.dockerName === name)),
    extra: others.filter((v) => !excludedKeys.has(v.name)).map((v) => v.dockerName),
    excluded: others.filter((v) => excludedKeys.has(v.name)).map((v) => v.dockerName),
    exclusionsKnown: manifest.excluded !== undefined,
  };
}

/**
 * Remove the volumes a PR created (the plan's `extra`) so the canonical holds exactly what the
 * known-good holds. Does nothing when the MANIFEST predates recorded exclusions. Returns the
 * names removed.
 *
 * @example
 * ```ts
 * const removed = await removeExtraVolumes(plan, { signal });
 * ```
 */
export async function removeExtraVolumes(plan: KnownGoodVolumePlan, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  if (!plan.exclusionsKnown || !plan.extra.length) return [];
  await runCommandOrThrow("docker", ["volume", "rm", ...plan.extra], { signal: options.signal });
  return plan.extra;
}
