/**
 * Pair the volumes a caller passes with the volumes recorded in a MANIFEST, by key.
 * @module
 */
import { InfraError } from "../errors.ts";
import { volumeKeys } from "./layout.ts";
import type { Manifest, ManifestVolume } from "./manifest-schema.ts";
import type { VolumeRef } from "./types.ts";

/** A live volume and its MANIFEST record. */
export interface MatchedVolume {
  volume: VolumeRef;
  manifest: ManifestVolume;
}

/**
 * Match every volume to its MANIFEST record by key (a volume whose name equals a recorded name
 * also matches). Throws an {@linkcode InfraError} (a state mismatch, not bad input) if a volume is
 * unknown to the snapshot or a snapshot volume is not given: a partial restore would mix two
 * points in time.
 *
 * @example
 * ```ts
 * const pairs = matchVolumes(volumes, manifest, "warm-demo");
 * ```
 */
export function matchVolumes(volumes: readonly VolumeRef[], manifest: Manifest, stack?: string): MatchedVolume[] {
  const keys = volumeKeys(volumes, stack);
  const out = volumes.map((volume, i) => {
    const rec = manifest.volumes.find((m) => m.key === keys[i]) ?? manifest.volumes.find((m) => m.name === volume.name);
    if (!rec) throw new InfraError(`volume ${volume.name} (key ${keys[i]}) is not in the known-good snapshot (it has: ${manifest.volumes.map((m) => m.key).join(", ")}): pass only the MANIFEST's volumes (restoreCanonical does), or promote a new known-good that holds it`);
    return { volume, manifest: rec };
  });
  const missing = manifest.volumes.filter((m) => !out.some((o) => o.manifest === m));
  if (missing.length) throw new InfraError(`the known-good snapshot also holds ${missing.map((m) => m.key).join(", ")}: pass every volume its MANIFEST lists (restoreCanonical recreates missing ones)`);
  return out;
}
