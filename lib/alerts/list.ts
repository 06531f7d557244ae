import { readdir } from "node:fs/promises";
import { hostname, userInfo } from "node:os";
import { InputError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { alertIdSchema, alertsDir, readAlertRecord, writeAlertRecord } from "./store.ts";
import type { AlertRecord } from "./types.ts";

/**
 * Stored alerts, oldest first.
 *
 * @example
 * ```ts
 * const open = await listAlerts("/var/lib/ci-warm", { unacknowledgedOnly: true });
 * ```
 */
export async function listAlerts(stateDir: string, options: { unacknowledgedOnly?: boolean } = {}): Promise<AlertRecord[]> {
  const dir = alertsDir(stateDir);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  const ids = names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5)).filter((id) => alertIdSchema.safeParse(id).success).sort();
  const out: AlertRecord[] = [];
  for (const id of ids) {
    // A damaged record still needs a human: show it as an alert of its own rather than drop it.
    const rec = await readAlertRecord(dir, id).catch((e: Error): AlertRecord => ({ id, time: idTime(id), what: "unreadable alert record", why: e.message, acknowledged: false }));
    if (rec && !(options.unacknowledgedOnly && rec.acknowledged)) out.push(rec);
  }
  return out;
}

/**
 * Mark an alert as seen. Idempotent (the first acknowledgement's time and name are kept).
 * Throws an InputError (key `id`) for a malformed or unknown id.
 *
 * @example
 * ```ts
 * await acknowledgeAlert("/var/lib/ci-warm", "20250101T000000.000Z-0a1b2c3d4e5f", { by: "alice" });
 * ```
 */
export async function acknowledgeAlert(stateDir: string, id: string, options: { by?: string; now?: Date } = {}): Promise<AlertRecord> {
  const dir = alertsDir(stateDir);
  parseInput("id", alertIdSchema, id);
  const rec = await readAlertRecord(dir, id);
  if (!rec) throw new InputError("id", `no alert ${id}`);
  if (rec.acknowledged) return rec;
  const by = options.by ?? `${safeUser()}@${hostname()}`;
  const acked: AlertRecord = { ...rec, acknowledged: true, acknowledgedAt: (options.now ?? new Date()).toISOString(), acknowledgedBy: by };
  await writeAlertRecord(dir, acked);
  return acked;
}

/** The ISO time an alert id starts with (`20250101T000000.000Z-…`). */
function idTime(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : new Date(0).toISOString();
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
