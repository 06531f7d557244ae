/**
 * Known-good snapshots of a canonical app's volumes: snapshot (copy + MANIFEST + atomic swap),
 * restore (copy back only what differs, then verify), verify, and crash recovery.
 * @module
 */
export { snapshotVolumes } from "./snapshot.ts";
export { restoreSnapshot } from "./restore.ts";
export type { RestoreOptions, RestoreResult } from "./restore.ts";
export { verifySnapshot, verifyVolumesAgainstManifest } from "./verify.ts";
export type { VerifyMismatch, VerifyOptions, VerifyResult } from "./verify.ts";
export { recoverSnapshots } from "./recover.ts";
export type { RecoveryAction } from "./recover.ts";
export { assertNoContainerMounts, assertSpaceFor } from "./preflight.ts";
export type { SpaceCheckOptions } from "./preflight.ts";
export { manifestDigest, readManifest } from "./manifest.ts";
export { manifestEntrySchema, manifestSchema } from "./manifest-schema.ts";
export type { EntryType, Manifest, ManifestEntry, ManifestVolume } from "./manifest-schema.ts";
export { MANIFEST_NAME, snapshotLayout, volumeKeys } from "./layout.ts";
export type { SnapshotLayout } from "./layout.ts";
export { fsyncPath, syncFilesystem, writeFileAtomic } from "./fsync.ts";
export type { MountCheck, ProgressFn, SnapshotOptions, SnapshotPhase, SnapshotResult, VolumeOpOptions, VolumeRef } from "./types.ts";
