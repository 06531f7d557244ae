/**
 * Run a program with bytes in and bytes out: how names that are not UTF-8 travel between JS and
 * the tools that act on them (`find -printf …\0`, `xargs -0`, `tar --null -T -`).
 * @module
 */
import { execa } from "execa";
import { InfraError } from "../errors.ts";

/** Options for {@linkcode runBytes}. */
export interface RunBytesOptions {
  cwd?: string;
  /** Bytes written to stdin (usually a NUL-separated name list). */
  input?: Uint8Array;
  signal?: AbortSignal;
}

/**
 * Run `file args` (no shell), return stdout as bytes; on failure throw an InfraError naming the
 * program with the tail of its stderr ("no space left on device" spelled out).
 *
 * @example
 * ```ts
 * const out = await runBytes("find", [root, "-printf", "%P\\0"]);
 * ```
 */
export async function runBytes(file: string, args: readonly string[], options: RunBytesOptions = {}): Promise<Uint8Array> {
  const res = await execa(file, args, {
    reject: false, cwd: options.cwd, cancelSignal: options.signal, encoding: "buffer", maxBuffer: 2 ** 31 - 1,
    input: options.input, stdin: options.input ? "pipe" : "ignore", forceKillAfterDelay: 5_000,
  });
  if (options.signal?.aborted) throw options.signal.reason;
  if (res.exitCode !== 0 || res.failed) {
    const stderr = new TextDecoder().decode(res.stderr as Uint8Array);
    const why = /No space left on device/.test(stderr) ? "no space left on device" : stderr.trim().split("\n").slice(-3).join("; ").slice(0, 600) || `exit ${res.exitCode ?? res.signal}`;
    throw new InfraError(`${file} failed: ${why}`, { cause: res });
  }
  return res.stdout as Uint8Array;
}
