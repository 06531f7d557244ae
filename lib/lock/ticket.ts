import { link, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { isHolderAlive } from "./proc.ts";
import { ticketHolderSchema, ticketTombstoneSchema } from "./schema.ts";
import type { LockHolder } from "./types.ts";

// Tickets are files named by a zero-padded number. Creation is link(2) of a complete temp file,
// so a ticket is exclusive by number and never seen half-written. The highest ticket is never
// deleted (released ones become tombstones), so numbers only grow: a newcomer always queues
// behind every ticket that exists, which is what makes the queue FIFO across processes.
const TICKET = /^\d{16}$/;
const pad = (n: number): string => String(n).padStart(16, "0");

/** A ticket as read from the queue: its holder, or a tombstone, or unreadable. */
export interface TicketEntry {
  ticket: string;
  holder: LockHolder | undefined;
  released: boolean;
}

/** The queue's ticket names, ascending. */
export async function listTicketNames(queueDir: string): Promise<string[]> {
  const names = await readdir(queueDir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  return names.filter((n) => TICKET.test(n)).sort();
}

/** Read one ticket; `undefined` when it vanished meanwhile. */
export async function readTicket(queueDir: string, ticket: string): Promise<TicketEntry | undefined> {
  let text: string;
  try {
    text = await readFile(join(queueDir, ticket), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ticket, holder: undefined, released: false };
  }
  if (ticketTombstoneSchema.safeParse(data).success) return { ticket, holder: undefined, released: true };
  const holder = ticketHolderSchema.safeParse(data);
  return { ticket, holder: holder.success ? { ...holder.data, ticket } : undefined, released: false };
}

/** Whether a ticket blocks those behind it. Unreadable tickets count as dead. */
export function isLive(entry: TicketEntry): boolean {
  return !entry.released && entry.holder !== undefined && isHolderAlive(entry.holder);
}

async function writeTemp(queueDir: string, data: object): Promise<string> {
  const tmp = join(queueDir, `.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  await writeFile(tmp, JSON.stringify(data), { flag: "wx" });
  return tmp;
}

/** Take the next ticket (strictly above every existing one). Returns the ticket name. */
export async function createTicket(queueDir: string, holder: Omit<LockHolder, "ticket">): Promise<string> {
  const tmp = await writeTemp(queueDir, holder);
  try {
    for (;;) {
      const names = await listTicketNames(queueDir);
      const ticket = pad(Number(names.at(-1) ?? 0) + 1);
      try {
        await link(tmp, join(queueDir, ticket));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw e;
      }
      // A stale listing can hand out a number below one that already exists: retract and retry.
      if ((await listTicketNames(queueDir)).at(-1) === ticket) return ticket;
      await unlink(join(queueDir, ticket)).catch(() => {});
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** Give a ticket back: unlink it, or leave a tombstone when it is the highest (the high-water mark). */
export async function releaseTicket(queueDir: string, ticket: string): Promise<void> {
  const names = await listTicketNames(queueDir);
  if (names.at(-1) !== ticket) return void (await unlink(join(queueDir, ticket)).catch(() => {}));
  const tmp = await writeTemp(queueDir, { released: true, pid: process.pid });
  await rename(tmp, join(queueDir, ticket));
  // Tidy up: earlier released or dead tickets are no longer needed once a higher one exists.
  for (const t of names) {
    if (t >= ticket) break;
    const entry = await readTicket(queueDir, t);
    if (entry && !isLive(entry)) await unlink(join(queueDir, t)).catch(() => {});
  }
}

/** Remove a dead or released ticket unless it is the highest. */
export async function removeDeadTicket(queueDir: string, ticket: string, highest: string | undefined): Promise<void> {
  if (ticket === highest) return;
  await unlink(join(queueDir, ticket)).catch(() => {});
}
