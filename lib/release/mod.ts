/**
 * Recipe releases: the one ordering (semver-aware; pre-releases only when a recipe opts in) and
 * the latest release of a recipe repository.
 * @module
 */
export { compareReleases, latestRelease, parseRelease, sortReleases } from "./order.ts";
export type { Release, ReleaseFilter } from "./order.ts";
export { listReleases, resolveCommit, resolveLatest } from "./latest.ts";
export type { LatestRelease } from "./latest.ts";
