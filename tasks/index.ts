/**
 * Every graph command, loaded (for library users who want them all at once).
 * @module
 */
import type { GraphCommand } from "../lib/cli/command.ts";
import { catalog } from "./catalog.ts";

/**
 * Load every graph command.
 *
 * @example
 * ```ts
 * for (const c of await loadCommands()) console.log(c.name);
 * ```
 */
export function loadCommands(): Promise<GraphCommand[]> {
  return Promise.all(catalog.map((c) => c.load()));
}

export { catalog };
export type { CatalogEntry } from "./catalog.ts";
