import { InfraError } from "../errors.ts";
import type { LockHolder } from "./types.ts";

/**
 * Describe a holder for messages: `pid 123 on host ci-1 since 2025-01-01T00:00:00.000Z (purpose)`.
 *
 * @example
 * ```ts
 * console.log(describeHolder(status.holder));
 * ```
 */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return "an unknown holder";
  return `pid ${holder.pid} on host ${holder.host} since ${holder.since}${holder.purpose ? ` (${holder.purpose})` : ""}`;
}

/**
 * Waiting for a lock stopped (timeout or abort) while someone else held it. The message names the
 * holder; `holder` keeps the record. On abort, `cause` is the signal's reason.
 *
 * @example
 * ```ts
 * try { await acquireLock(dir, "demo", { timeoutMs: 1000 }); }
 * catch (e) { if (e instanceof LockWaitError) console.log(e.holder?.pid); }
 * ```
 */
export class LockWaitError extends InfraError {
  override name = "LockWaitError";
  /** Why waiting stopped. */
  readonly reason: "timeout" | "aborted";
  /** The lock's name. */
  readonly lock: string;
  /** Who held it when waiting stopped. */
  readonly holder: LockHolder | undefined;
  constructor(lock: string, reason: "timeout" | "aborted", holder: LockHolder | undefined, waitedMs: number, options?: ErrorOptions) {
    const why = reason === "timeout" ? `gave up after ${waitedMs} ms` : `waiting was cancelled after ${waitedMs} ms`;
    super(`lock "${lock}" is held by ${describeHolder(holder)}; ${why}`, options);
    this.reason = reason;
    this.lock = lock;
    this.holder = holder;
  }
}
