import { acquireLock } from "../../lib/lock/acquire.ts";
import { describeHolder, LockWaitError } from "../../lib/lock/errors.ts";
import { readLock } from "../../lib/lock/status.ts";
import type { LockHandle } from "../../lib/lock/types.ts";

/**
 * The lock a sweep (or a whole-host test) holds for its duration.
 *
 * @example
 * ```ts
 * const status = await readLock(stateDir, HOST_LOCK);
 * ```
 */
export const HOST_LOCK: string = "host";

/**
 * The host is busy: another sweep or a test holds the host lock. Nothing was done.
 *
 * @example
 * ```ts
 * try { await takeHostLock(stateDir, "sweep"); } catch (e) { if (e instanceof HostBusyError) console.log("skipped tonight"); }
 * ```
 */
export class HostBusyError extends Error {
  override name = "HostBusyError";
}

/**
 * Take the `host` lock without queueing: refuse at once (HostBusyError naming the holder) when
 * another sweep or a test holds it or is already waiting for it. A nightly sweep that finds the
 * host busy is skipped, not deferred into the working day.
 *
 * @example
 * ```ts
 * const lock = await takeHostLock("/var/lib/ci-warm", "sweep 2026-01-01T02:00");
 * ```
 */
export async function takeHostLock(stateDir: string, purpose: string, options: { signal?: AbortSignal } = {}): Promise<LockHandle> {
  const busy = await readLock(stateDir, HOST_LOCK);
  if (busy?.holder) throw new HostBusyError(`the host is busy: ${describeHolder(busy.holder)} holds the ${HOST_LOCK} lock; sweep refused`);
  try {
    // A short wait only covers the race with another process taking it right now.
    return await acquireLock(stateDir, HOST_LOCK, { purpose, timeoutMs: 2_000, signal: options.signal });
  } catch (e) {
    if (e instanceof LockWaitError && e.reason === "timeout") throw new HostBusyError(`the host is busy: ${e.message}; sweep refused`, { cause: e });
    throw e;
  }
}
