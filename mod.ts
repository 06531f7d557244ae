/**
 * cc-warm: the warm-data lane for Co-op Cloud recipe CI — a tiny task-graph runner, and the
 * tasks and graphs built on it: a live-warm Keycloak with a realm per run, canonical apps with
 * known-good snapshots, the quick lane with rollback, promotion from green cold runs, the
 * nightly sweep, locks, disk pruning and status.
 *
 * @example
 * ```ts
 * import { quick } from "cc-warm";
 * const outcome = await quick({ recipe: "demo", ref: "v2" });
 * console.log(outcome.result.verdict);
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
export { ExitCode } from "./lib/cli/exit-codes.ts";
export type { ExitCodeValue } from "./lib/cli/exit-codes.ts";
export { defineCommand } from "./lib/cli/command.ts";
export type { CommandEnv, Conclusion, GraphCommand } from "./lib/cli/command.ts";
export { runCommandGraph } from "./lib/cli/run-command.ts";
export type { CommandOutcome, RunCommandGraphOptions } from "./lib/cli/run-command.ts";
export { runCli } from "./lib/cli/main.ts";
export type { CliIO, CommandSource } from "./lib/cli/main.ts";
export { VERSION } from "./lib/version.ts";
export { catalog, loadCommands } from "./tasks/index.ts";
export type { CatalogEntry } from "./tasks/index.ts";
export { quick, quickCommand } from "./tasks/quick.ts";
export type { QuickParams } from "./tasks/quick/params.ts";
