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
