/**
 * Canonical apps: the registry of observed state (recipe → known-good commit, MANIFEST digest,
 * dirty flag, quick runs).
 * @module
 */
export { getCanonical, markClean, markDirty, recordQuickRun, updateCanonical } from "./registry.ts";
export type { CanonicalPatch } from "./registry.ts";
export { readRegistry, RegistryError, registryPath, writeRegistry } from "./registry-store.ts";
export { canonicalEntrySchema, registrySchema } from "./registry-schema.ts";
export type { CanonicalEntry, Registry } from "./registry-schema.ts";
export { assertEnrollmentValid, assertNoInfraCollision, canonicalDomain, WARM_INFRA_APPS, warmKeycloakDomain } from "./naming.ts";
export { canonicalApp, snapshotVolumeRefs, snapshotVolumeSet } from "./app.ts";
export type { SnapshotVolumeSet } from "./app.ts";
export { restoreCanonical } from "./restore.ts";
export type { RestoreCanonicalOptions, RestoreCanonicalResult } from "./restore.ts";
export { classifyStackVolumes, planKnownGoodVolumes, removeExtraVolumes } from "./known-good-volumes.ts";
export type { KnownGoodVolumePlan } from "./known-good-volumes.ts";
export { wipeStackVolumes } from "./volumes.ts";
export { commitKnownGood, rewarmCanonical } from "./promote.ts";
export type { CommitKnownGoodOptions, RewarmOptions } from "./promote.ts";
export { alignRegistryWithKnownGood } from "./consistency.ts";
export { planRetirement, retirementItems } from "./retire-plan.ts";
export type { RetirePlan } from "./retire-plan.ts";
export { executeRetirement } from "./retire.ts";
