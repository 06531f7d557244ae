/**
 * Resolve after `ms`, or reject with the signal's reason as soon as it aborts.
 *
 * @example
 * ```ts
 * await delay(100, { signal: AbortSignal.timeout(1000) });
 * ```
 */
export function delay(ms: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A promise that rejects with the signal's reason when it aborts (never settles otherwise),
 * plus a `dispose` to remove the listener.
 *
 * @example
 * ```ts
 * const { promise, dispose } = abortPromise(signal);
 * try { await Promise.race([work(), promise]); } finally { dispose(); }
 * ```
 */
export function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    dispose = () => signal.removeEventListener("abort", onAbort);
  });
  promise.catch(() => {});
  return { promise, dispose };
}
