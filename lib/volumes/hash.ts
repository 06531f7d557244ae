/**
 * Content hashing of regular files (sha256), streamed, with a bounded-concurrency helper.
 * @module
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * sha256 (hex) of a file's content, streamed in 1 MiB chunks.
 *
 * @example
 * ```ts
 * const digest = await sha256File("/var/lib/ci-warm/demo/known-good/db/PG_VERSION");
 * ```
 */
export async function sha256File(path: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash("sha256");
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal: options.signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Run `fn` over `items` with at most `limit` in flight; rejects on the first failure (after the
 * in-flight ones settle) and stops early when `signal` aborts.
 *
 * @example
 * ```ts
 * await mapLimit(paths, 4, async (p) => sha256File(p));
 * ```
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, options: { signal?: AbortSignal } = {}): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed: unknown;
  let hasFailed = false;
  const worker = async (): Promise<void> => {
    while (!hasFailed && next < items.length) {
      options.signal?.throwIfAborted();
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (err) {
        if (!hasFailed) [hasFailed, failed] = [true, err];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (hasFailed) throw failed;
  return out;
}
