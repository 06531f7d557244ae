/**
 * Subprocesses via execa, with one flat result shape for success and failure.
 * @module
 */
export { CommandError, runCommand, runCommandOrThrow } from "./command.ts";
export type { CommandResult, RunCommandOptions } from "./command.ts";
