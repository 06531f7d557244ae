/**
 * The warm Keycloak: a small typed admin client over `fetch` (tokens cached and renewed,
 * secrets never in errors), per-run realms (create, delete, list), the reaper for realms
 * whose run is gone, and a health probe.
 * @module
 */
export { KeycloakAdmin } from "./admin.ts";
export type { AdminRequestOptions, AdminResponse, KeycloakAdminOptions } from "./admin.ts";
export { keycloakAdminFromConfig, keycloakUrl } from "./config.ts";
export type { AdminFromConfigOptions } from "./config.ts";
export { KeycloakError } from "./errors.ts";
export type { FetchLike } from "./http.ts";
export { resolvePassword } from "./password.ts";
export type { PasswordSource, ResolvePasswordOptions } from "./password.ts";
export { findServiceContainer } from "./container.ts";
export type { FindContainerOptions } from "./container.ts";
export { MANAGED_REALM_PATTERN, parseRealmName, realmName, runHex, runLabel } from "./names.ts";
export { MARKER_KEYS, markerAttributes, readMarker } from "./markers.ts";
export type { RealmMarker } from "./markers.ts";
export { createRealm } from "./create.ts";
export type { CreateRealmOptions, RealmCredentials } from "./create.ts";
export { deleteRealm } from "./delete.ts";
export type { DeleteRealmOptions, DeleteRealmResult } from "./delete.ts";
export { listCandidateRealms, listRealms, readCandidateMarkers, readRealmMarker } from "./list.ts";
export type { MarkedRealm, RealmSummary } from "./list.ts";
export { liveRunHexesFromDocker } from "./live.ts";
export { reapStaleRealms } from "./reap.ts";
export type { ReapEntry, ReapOptions } from "./reap.ts";
export { keycloakHealthy } from "./health.ts";
export type { KeycloakHealthOptions } from "./health.ts";
export { REALM_FILE_ENV, withRealmFile } from "./realm-file.ts";
