/**
 * Types of the per-app lock: who holds it, what a caller gets back, and how it waits.
 * @module
 */

/** Who holds (or waits for) a lock: enough to tell a live process from a dead or reused pid. */
export interface LockHolder {
  /** The lock's name (an app/recipe, or `host`). */
  name: string;
  /** The queue ticket (a monotonic number as a zero-padded string). */
  ticket: string;
  pid: number;
  host: string;
  /** When the ticket was taken (ISO 8601). */
  since: string;
  /** Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot): defeats pid reuse. */
  procStart?: string | undefined;
  /** `/proc/sys/kernel/random/boot_id`: a ticket from before a reboot is dead. */
  bootId?: string | undefined;
  /** Free text for status output, e.g. `quick demo refs/pull/12/head`. */
  purpose?: string | undefined;
}

/** Options for `acquireLock`. */
export interface AcquireLockOptions {
  /** Stop waiting (the error names the holder). */
  signal?: AbortSignal;
  /** Give up after this many ms (default: wait until `signal` aborts). */
  timeoutMs?: number;
  /** Called when the run has to wait, and again whenever the holder changes. */
  onWait?: (holder: LockHolder) => void;
  /** Shown to others in status output and error messages. */
  purpose?: string;
  /** Poll interval in ms (default 50). */
  pollMs?: number;
}

/** A held lock. */
export interface LockHandle {
  /** This process's holder record. */
  readonly holder: LockHolder;
  /** Release the lock. Idempotent; never throws for an already-released lock. */
  release(): Promise<void>;
}

/** The state of one lock for status output. */
export interface LockStatus {
  name: string;
  /** The live holder, if any. */
  holder: LockHolder | undefined;
  /** Live waiters in queue (arrival) order. */
  waiters: LockHolder[];
  /** Tickets whose process is gone (removed by the next waiter). */
  deadTickets: number;
}
