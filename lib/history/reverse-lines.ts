import type { FileHandle } from "node:fs/promises";

/** A line read back, with the byte offset it starts at. */
export interface LineAt {
  text: string;
  offset: number;
}

/**
 * The lines of an open file from the last to the first, read backwards in `chunkBytes` pieces —
 * never the whole file. Empty lines are skipped. A line longer than `maxLineBytes` (not a
 * record: corruption) is yielded as `tooLong` instead of being buffered.
 *
 * @example
 * ```ts
 * for await (const { text } of linesNewestFirst(fh)) console.log(text);
 * ```
 */
export async function* linesNewestFirst(fh: FileHandle, options: { chunkBytes?: number; maxLineBytes?: number; signal?: AbortSignal } = {}): AsyncGenerator<LineAt & { tooLong?: boolean }> {
  const chunkBytes = options.chunkBytes ?? 65_536;
  const maxLine = options.maxLineBytes ?? 65_536;
  let pos = (await fh.stat()).size;
  let carry = new Uint8Array(0);
  let skipping = false;
  const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
  while (pos > 0) {
    options.signal?.throwIfAborted();
    const start = Math.max(0, pos - chunkBytes);
    const chunk = new Uint8Array(pos - start);
    await fh.read(chunk, 0, chunk.length, start);
    pos = start;
    const buf = new Uint8Array(chunk.length + carry.length);
    buf.set(chunk);
    buf.set(carry, chunk.length);
    let end = buf.length;
    for (let i = buf.length - 1; i >= 0; i--) {
      if (buf[i] !== 0x0a) continue;
      if (skipping) skipping = false;
      else if (end > i + 1) yield { text: decode(buf.subarray(i + 1, end)), offset: start + i + 1 };
      end = i;
    }
    carry = buf.slice(0, end);
    if (carry.length > maxLine) {
      if (!skipping) yield { text: "", offset: start, tooLong: true };
      skipping = true;
      carry = new Uint8Array(0);
    }
  }
  if (carry.length && !skipping) yield { text: decode(carry), offset: 0 };
}
