/**
 * The health-gated reconciler's library (WC1.1, WC1.2): recipe releases, release notes and the
 * manual-migration marker, the pre-deploy gate, the last-good record, infra app resolution,
 * the health check, and snapshot/restore of a stateful infra app's data.
 * @module
 */
export { pickRelease } from "./releases.ts";
export { MANUAL_MIGRATION_RE, readReleaseNote } from "./release-notes.ts";
export type { ReleaseNote } from "./release-notes.ts";
export { gateDecision, releasesBetween } from "./gate.ts";
export type { GateDecision, GateInput } from "./gate.ts";
export { lastGoodPath, lastGoodSchema, readLastGood, writeLastGood } from "./last-good.ts";
export type { LastGoodRecord } from "./last-good.ts";
export { infraApp } from "./infra-app.ts";
export type { InfraApp } from "./infra-app.ts";
export { waitInfraHealthy } from "./health.ts";
export type { InfraHealthOptions } from "./health.ts";
export { restoreInfraData, snapshotInfraData } from "./data.ts";
export type { InfraDataOptions } from "./data.ts";
