import { acquireLock } from "../../lib/lock/acquire.ts";
import { describeHolder } from "../../lib/lock/errors.ts";
import type { LockHandle } from "../../lib/lock/types.ts";
import { defineTask, type Task } from "../../lib/runner/task.ts";

/** Options for {@linkcode lockTask}. */
export interface LockTaskOptions<P> {
  /** The state dir holding `locks/`. */
  stateDir: string;
  /** The lock's name for these params (a recipe, or `host`). */
  name: (params: P) => string;
  /** Shown to other runs while we hold it. */
  purpose: (params: P) => string;
  /** Give up waiting after this long (ms), fixed or per params. */
  timeoutMs: number | ((params: P) => number);
  needs?: readonly string[];
}

/**
 * A task that takes a per-app (or host) lock, FIFO among waiters, logging who it waits for.
 * Pair it with {@linkcode unlockTask}.
 *
 * @example
 * ```ts
 * const lock = lockTask<QuickParams>("lock", { stateDir, name: (p) => p.recipe, purpose: (p) => `quick ${p.recipe}`, timeoutMs: () => 3_600_000 });
 * ```
 */
export function lockTask<P>(id: string, options: LockTaskOptions<P>): Task<P, LockHandle> {
  return defineTask<P, LockHandle>({
    id,
    needs: options.needs,
    description: "take the lock (FIFO; waits for the current holder)",
    run: (ctx) =>
      acquireLock(options.stateDir, options.name(ctx.params), {
        signal: ctx.signal,
        timeoutMs: typeof options.timeoutMs === "function" ? options.timeoutMs(ctx.params) : options.timeoutMs,
        purpose: options.purpose(ctx.params),
        onWait: (holder) => ctx.log(`waiting for the lock on ${options.name(ctx.params)}: held by ${describeHolder(holder)}`),
      }),
  });
}

/**
 * An `always` task that releases the lock taken by `lock` (if it was taken).
 *
 * @example
 * ```ts
 * const unlock = unlockTask("unlock", lock, ["cleanup"]);
 * ```
 */
export function unlockTask<P>(id: string, lock: Task<P, LockHandle>, needs: readonly string[]): Task<P, boolean> {
  return defineTask<P, boolean>({
    id,
    needs,
    rule: "always",
    description: "release the lock (always)",
    run: async (ctx) => {
      const handle = ctx.output(lock);
      if (!handle) return false;
      await handle.release();
      return true;
    },
  });
}
