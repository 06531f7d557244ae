/**
 * Turn a low-level failure into an {@linkcode InfraError} with a readable reason (ENOSPC spelled
 * out), or pass a cancellation through unchanged so the runner records it as cancelled.
 * @module
 */
import { InfraError } from "../errors.ts";

/**
 * Wrap `err` as an InfraError prefixed by `what`; rethrow the signal's reason when cancelled.
 *
 * @example
 * ```ts
 * throw failure("snapshot of demo failed", err, signal);
 * ```
 */
export function failure(what: string, err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  const code = (err as NodeJS.ErrnoException)?.code;
  const msg = err instanceof Error ? err.message : String(err);
  const why = code === "ENOSPC" || /no space left/i.test(msg) ? "no space left on device" : msg;
  return new InfraError(`${what}: ${why}`, { cause: err });
}
