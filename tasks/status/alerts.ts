import { listAlerts } from "../../lib/alerts/list.ts";
import type { AlertStatusRow } from "./types.ts";

/**
 * Alerts nobody has acknowledged yet, oldest first (notes left out: they can be long).
 *
 * @example
 * ```ts
 * const open = await openAlerts("/var/lib/ci-warm");
 * ```
 */
export async function openAlerts(stateDir: string): Promise<AlertStatusRow[]> {
  return (await listAlerts(stateDir, { unacknowledgedOnly: true })).map((a) => ({ id: a.id, time: a.time, what: a.what, why: a.why, app: a.app }));
}
