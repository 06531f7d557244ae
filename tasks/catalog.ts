/**
 * The graphs the CLI knows, by name, loaded on demand so `cc-warm --help` stays fast.
 * @module
 */
import type { GraphCommand } from "../lib/cli/command.ts";

/** A graph's name and summary, and how to load its command. */
export interface CatalogEntry {
  name: string;
  summary: string;
  load(): Promise<GraphCommand>;
}

/**
 * Every graph command, in the order `cc-warm --help` lists them. Summaries are checked against
 * the commands' own by a unit test.
 *
 * @example
 * ```ts
 * const quick = await catalog.find((c) => c.name === "quick")!.load();
 * ```
 */
export const catalog: readonly CatalogEntry[] = [
  { name: "quick", summary: "upgrade the recipe's canonical to a PR ref with its data; roll back on failure (opt-in warm lane)", load: async () => (await import("./quick.ts")).quickCommand },
  { name: "selftest", summary: "check the runner, events, cancellation and teardown on this host (no side effects)", load: async () => (await import("./selftest.ts")).selftestCommand },
];
