/**
 * cc-warm: the warm-data lane for Co-op Cloud recipe CI — a tiny task-graph runner, and the
 * tasks and graphs built on it: a live-warm Keycloak with a realm per run, canonical apps with
 * known-good snapshots, the quick lane with rollback, promotion from green cold runs, the
 * nightly sweep, locks, disk pruning and status.
 *
 * @example
 * ```ts
 * import { quick } from "cc-warm";
 * const result = await quick({ recipe: "demo", ref: "v2" });
 * console.log(result.verdict, result.exitCode);
 * ```
 * @module
 */
export * from "./lib/runner/mod.ts";
export * from "./lib/config/mod.ts";
export * from "./lib/validate/mod.ts";
export * from "./lib/errors.ts";
export * from "./lib/exec/mod.ts";
export * from "./lib/deploy/mod.ts";
export * from "./lib/volumes/mod.ts";
export * from "./lib/canonical/mod.ts";
export * from "./lib/keycloak/mod.ts";
export * from "./lib/lock/mod.ts";
export * from "./lib/disk/mod.ts";
export * from "./lib/alerts/mod.ts";
export * from "./lib/schedule/mod.ts";
export * from "./lib/history/mod.ts";
export { ExitCode } from "./lib/cli/exit-codes.ts";
export type { ExitCodeValue } from "./lib/cli/exit-codes.ts";
export { defineCommand } from "./lib/cli/command.ts";
export type { CommandEnv, Conclusion, GraphCommand } from "./lib/cli/command.ts";
export { runCommandGraph } from "./lib/cli/run-command.ts";
export type { CommandResult, RunCommandGraphOptions } from "./lib/cli/run-command.ts";
export { runCli } from "./lib/cli/main.ts";
export type { CliIO, CommandSource } from "./lib/cli/main.ts";
export { MARKDOWN_GRAPHS, QUICK_CAVEAT, renderMarkdown } from "./lib/cli/render/markdown.ts";
export { VERSION } from "./lib/version.ts";
export { catalog, loadCommands } from "./tasks/index.ts";
export type { CatalogEntry } from "./tasks/index.ts";
export { quick, quickCommand } from "./tasks/quick.ts";
export type { QuickParams } from "./tasks/quick/params.ts";
export * from "./lib/reconcile/mod.ts";
export * from "./lib/release/mod.ts";
export { cold, coldCommand } from "./tasks/cold.ts";
export type { ColdParams } from "./tasks/cold/params.ts";
export { promoteCommand } from "./tasks/promote.ts";
export type { PromoteParams } from "./tasks/promote/params.ts";
export { sweepCommand } from "./tasks/sweep.ts";
export type { SweepParams } from "./tasks/sweep/params.ts";
export { reconcileCommand } from "./tasks/reconcile.ts";
export type { ReconcileParams } from "./tasks/reconcile/params.ts";
export { realmCreateCommand, realmDeleteCommand } from "./tasks/realm.ts";
export { realmsReapCommand } from "./tasks/realms-reap.ts";
export type { RealmCreateParams, RealmDeleteParams, RealmsReapParams } from "./tasks/realm/params.ts";
export { statusCommand } from "./tasks/status.ts";
export type { StatusParams } from "./tasks/status/graph.ts";
export type { StatusReport } from "./tasks/status/types.ts";
export { reportCommand } from "./tasks/report.ts";
export type { ReportParams } from "./tasks/report/params.ts";
export { pruneCommand } from "./tasks/prune.ts";
export type { PruneParams } from "./tasks/prune/params.ts";
export { retireCommand } from "./tasks/retire.ts";
export type { RetireParams } from "./tasks/retire/params.ts";
export { selftestCommand } from "./tasks/selftest.ts";
