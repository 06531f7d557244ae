/**
 * The deploy timeout a recipe asks for with the label `coop-cloud.${STACK_NAME}.timeout`
 * (seconds, as abra reads it), and the order in which a run picks its converge timeout.
 * @module
 */
import { InputError } from "../errors.ts";

/**
 * The timeout label of a stack's merged deploy labels, in ms (undefined when absent).
 *
 * @example
 * ```ts
 * deployTimeoutLabelMs({ "coop-cloud.app_example_com.timeout": "300" }, "app_example_com"); // 300_000
 * ```
 */
export function deployTimeoutLabelMs(labels: Record<string, string>, stack: string): number | undefined {
  const key = `coop-cloud.${stack}.timeout`;
  const raw = labels[key];
  if (raw === undefined || raw === "") return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new InputError(key, `${JSON.stringify(raw)} is not a whole number of seconds`);
  return seconds * 1000;
}

/**
 * The converge timeout of a run: an explicit run parameter (minutes) wins, then the recipe's
 * timeout label, then the config (whose own default is 10 minutes).
 *
 * @example
 * ```ts
 * convergeTimeoutMs({ paramMinutes: undefined, labelMs: 90_000, configMs: 600_000 }); // 90_000
 * ```
 */
export function convergeTimeoutMs(sources: { paramMinutes?: number | undefined; labelMs?: number | undefined; configMs: number }): number {
  return sources.paramMinutes !== undefined ? sources.paramMinutes * 60_000 : (sources.labelMs ?? sources.configMs);
}
