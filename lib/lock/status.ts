import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";
import { lockPaths } from "./paths.ts";
import { isLive, listTicketNames, readTicket } from "./ticket.ts";
import type { LockStatus } from "./types.ts";

/**
 * The state of one lock (read-only: dead tickets are counted, not removed). `undefined` when
 * nobody holds or waits for it.
 *
 * @example
 * ```ts
 * const s = await readLock("/var/lib/ci-warm", "demo");
 * if (s?.holder) console.log(`held by pid ${s.holder.pid} since ${s.holder.since}`);
 * ```
 */
export async function readLock(stateDir: string, name: string): Promise<LockStatus | undefined> {
  const { queueDir } = lockPaths(stateDir, name);
  const status: LockStatus = { name, holder: undefined, waiters: [], deadTickets: 0 };
  for (const t of await listTicketNames(queueDir)) {
    const entry = await readTicket(queueDir, t);
    if (!entry || entry.released) continue;
    if (!isLive(entry)) status.deadTickets++;
    else if (!status.holder) status.holder = entry.holder;
    else status.waiters.push(entry.holder!);
  }
  return status.holder || status.deadTickets ? status : undefined;
}

/**
 * Every lock that is held, waited for, or has dead tickets, sorted by name.
 *
 * @example
 * ```ts
 * for (const s of await listLocks("/var/lib/ci-warm")) console.log(s.name, s.holder?.pid, s.waiters.length);
 * ```
 */
export async function listLocks(stateDir: string): Promise<LockStatus[]> {
  parseInput("stateDir", absolutePathSchema, stateDir);
  const entries = await readdir(join(stateDir, "locks")).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  const names = entries.filter((n) => n.endsWith(".queue")).map((n) => n.slice(0, -".queue".length)).sort();
  const out: LockStatus[] = [];
  for (const name of names) {
    const s = await readLock(stateDir, name).catch(() => undefined);
    if (s) out.push(s);
  }
  return out;
}
