/**
 * Names are bytes. A Linux file name is any byte string without `/` or NUL, so it need not be
 * valid UTF-8 (legacy uploads, unzipped archives). In memory a name is a JS string decoded with
 * "surrogateescape" (PEP 383): valid UTF-8 decodes as usual and every byte that is not part of
 * valid UTF-8 becomes the lone surrogate U+DC80+byte. The mapping is injective and the identity
 * on valid UTF-8, so names stay usable as map keys and readable in messages, and
 * {@linkcode encodeName} gives the exact bytes back. Names holding lone surrogates never reach a
 * JS file API (neither runtime can pass such bytes: Deno's node:fs turns a Buffer path into
 * UTF-8); they go to child processes as NUL-separated bytes on stdin instead.
 * @module
 */

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Decode a file name's bytes (surrogateescape): exact for every byte string.
 *
 * @example
 * ```ts
 * decodeName(new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // "caf\udce9"
 * ```
 */
export function decodeName(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    // Slow path: decode valid UTF-8 sequences, escape every other byte.
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      const n = utf8SequenceLength(bytes, i);
      out += n ? decoder.decode(bytes.subarray(i, i + n)) : String.fromCharCode(0xdc00 + bytes[i]!);
      i += n || 1;
    }
    return out;
  }
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n <= 1 || i + n > b.length) return n === 1 ? 1 : 0;
  try {
    decoder.decode(b.subarray(i, i + n));
    return n;
  } catch {
    return 0;
  }
}

/**
 * The bytes of a name decoded by {@linkcode decodeName}.
 *
 * @example
 * ```ts
 * encodeName("caf\udce9"); // Uint8Array [0x63, 0x61, 0x66, 0xe9]
 * ```
 */
export function encodeName(name: string): Uint8Array {
  if (isPlainName(name)) return encoder.encode(name);
  const parts: number[] = [];
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) parts.push(cp - 0xdc00);
    else parts.push(...encoder.encode(ch));
  }
  return Uint8Array.from(parts);
}

/**
 * Whether `name` is plain UTF-8 (no escaped bytes), i.e. usable with JS file APIs as is.
 *
 * @example
 * ```ts
 * isPlainName("café"); // true
 * isPlainName("caf\udce9"); // false
 * ```
 */
export function isPlainName(name: string): boolean {
  return !LONE_SURROGATE.test(name);
}

/**
 * A name for messages: escaped bytes shown as `\xNN`.
 *
 * @example
 * ```ts
 * showName("caf\udce9"); // "caf\\xe9"
 * ```
 */
export function showName(name: string): string {
  return isPlainName(name) ? name : name.replace(/[\udc80-\udcff]/g, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, "0")}`);
}

/**
 * NUL-terminated names as one byte buffer (the stdin of `xargs -0`, `tar --null -T -`).
 *
 * @example
 * ```ts
 * nulList(["a", "b/c"]); // bytes "a\0b/c\0"
 * ```
 */
export function nulList(names: readonly string[]): Uint8Array {
  const parts = names.map(encodeName);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1;
  }
  return out;
}
