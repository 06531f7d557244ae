/**
 * Every graph the CLI can run, by name.
 * @module
 */
import type { GraphCommand } from "../lib/cli/command.ts";
import { selftestCommand } from "./selftest.ts";

/**
 * The graph commands, in the order `cc-warm --help` lists them.
 *
 * @example
 * ```ts
 * for (const c of commands) console.log(c.name, c.summary);
 * ```
 */
export const commands: readonly GraphCommand[] = [selftestCommand];
