import { mkdir, readdir, unlink, readFile } from "node:fs/promises";
import { writeFileAtomic } from "../fs/atomic.ts";
import { hostname } from "node:os";
import { join } from "node:path";
import { delay } from "../runner/wait.ts";
import { LockWaitError } from "./errors.ts";
import { lockPaths } from "./paths.ts";
import { isHolderAlive, selfIdentity } from "./proc.ts";
import { lockMirrorSchema } from "./schema.ts";
import { createTicket, isLive, listTicketNames, readTicket, releaseTicket, removeDeadTicket } from "./ticket.ts";
import type { AcquireLockOptions, LockHandle, LockHolder } from "./types.ts";

/**
 * Take the per-app lock `name` under `<stateDir>/locks`, waiting in FIFO order behind earlier
 * callers (across processes). A holder whose process died (or whose pid was reused) is skipped
 * and its ticket removed. Waiting stops on `signal` or after `timeoutMs` with a
 * {@linkcode LockWaitError} naming the holder. Not re-entrant: a second acquire of the same name
 * in the same process waits for the first.
 *
 * @example
 * ```ts
 * const lock = await acquireLock("/var/lib/ci-warm", "demo", { timeoutMs: 60_000, onWait: (h) => console.log("waiting for", h.pid) });
 * try {
 *   // touch the app
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquireLock(stateDir: string, name: string, options: AcquireLockOptions = {}): Promise<LockHandle> {
  const paths = lockPaths(stateDir, name);
  const { signal, timeoutMs, onWait, pollMs = 50 } = options;
  if (signal?.aborted) throw new LockWaitError(name, "aborted", undefined, 0, { cause: signal.reason });
  await mkdir(paths.queueDir, { recursive: true });
  await removeStaleTemps(paths.queueDir);
  const base = { name, ...selfIdentity(), since: new Date().toISOString(), purpose: options.purpose };
  const ticket = await createTicket(paths.queueDir, base);
  const holder: LockHolder = { ...base, ticket };
  const started = Date.now();
  let blocker: LockHolder | undefined;
  try {
    for (;;) {
      const ahead = await firstLiveAhead(paths.queueDir, ticket);
      if (!ahead) break;
      if (ahead.ticket !== blocker?.ticket) onWait?.(ahead);
      blocker = ahead;
      const waited = Date.now() - started;
      if (timeoutMs !== undefined && waited >= timeoutMs) throw new LockWaitError(name, "timeout", blocker, waited);
      const step = timeoutMs === undefined ? pollMs : Math.max(1, Math.min(pollMs, timeoutMs - waited));
      try {
        await delay(step, { signal });
      } catch (cause) {
        throw new LockWaitError(name, "aborted", blocker, Date.now() - started, { cause });
      }
    }
    await writeFileAtomic(paths.lockFile, JSON.stringify(holder, null, 2) + "\n");
  } catch (e) {
    await releaseTicket(paths.queueDir, ticket).catch(() => {});
    throw e;
  }
  let released = false;
  return {
    holder,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      // Clear the mirror first, while still the owner, so the next owner's record is never removed.
      if ((await readMirror(paths.lockFile))?.ticket === ticket) await unlink(paths.lockFile).catch(() => {});
      await releaseTicket(paths.queueDir, ticket);
    },
  };
}

/** The first live ticket before `mine`, removing dead and released ones on the way. */
async function firstLiveAhead(queueDir: string, mine: string): Promise<LockHolder | undefined> {
  const names = await listTicketNames(queueDir);
  const highest = names.at(-1);
  for (const t of names) {
    if (t >= mine) return undefined;
    const entry = await readTicket(queueDir, t);
    if (!entry) continue;
    if (isLive(entry)) return entry.holder;
    await removeDeadTicket(queueDir, t, highest);
  }
  return undefined;
}

async function removeStaleTemps(queueDir: string): Promise<void> {
  for (const n of await readdir(queueDir)) {
    const m = /^\.tmp-(\d+)-/.exec(n);
    if (m && !isHolderAlive({ pid: Number(m[1]), host: hostname() })) await unlink(join(queueDir, n)).catch(() => {});
  }
}

async function readMirror(path: string): Promise<LockHolder | undefined> {
  try {
    const parsed = lockMirrorSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
