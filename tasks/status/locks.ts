import { listLocks } from "../../lib/lock/status.ts";
import type { LockHolder } from "../../lib/lock/types.ts";
import type { LockStatusRow } from "./types.ts";

const who = (h: LockHolder): LockStatusRow["waiters"][number] => ({ pid: h.pid, host: h.host, since: h.since, purpose: h.purpose });

/**
 * Locks that are held or waited for (read-only: dead tickets are counted, not removed).
 *
 * @example
 * ```ts
 * for (const l of await lockStatuses("/var/lib/ci-warm")) console.log(l.name, l.holder?.pid);
 * ```
 */
export async function lockStatuses(stateDir: string): Promise<LockStatusRow[]> {
  return (await listLocks(stateDir)).map((s) => ({
    name: s.name,
    holder: s.holder && who(s.holder),
    waiters: s.waiters.map(who),
    deadTickets: s.deadTickets,
  }));
}
