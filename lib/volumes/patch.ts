/**
 * Restore a large file in place by rewriting only the blocks that differ from the known-good
 * copy: a database that changed 1 MiB of a 192 MiB file costs a read of both and a 1 MiB write,
 * not a 192 MiB copy. Same inode as `cp -f` (which also overwrites in place); the caller then
 * fixes metadata and verifies the content against the MANIFEST's sha256.
 * @module
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { yieldSometimes } from "./hash.ts";

const BLOCK = 1 << 20;

/** Files at least this large are patched; smaller ones are cheaper to copy whole. */
export const PATCH_MIN_BYTES: number = 8 * BLOCK;

function readFull(fd: number, buf: Buffer, at: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, at + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Make `dst` byte-identical to `src` by writing only the differing 1 MiB blocks, then cutting
 * `dst` to `src`'s length. Returns the bytes written and the sha256 of the content `dst` now
 * has (every block of it passed through here: compared equal or written), so the caller can
 * verify it against the MANIFEST without reading it again. Both must be plain (UTF-8) paths.
 *
 * @example
 * ```ts
 * const { written, sha256 } = await patchFile("/state/demo/known-good/db/base/16384/1259", "/var/lib/docker/volumes/x/_data/base/16384/1259");
 * ```
 */
export async function patchFile(src: string, dst: string, options: { signal?: AbortSignal } = {}): Promise<{ written: number; sha256: string }> {
  const [a, b] = [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)];
  const hash = createHash("sha256");
  const sfd = openSync(src, "r");
  let written = 0;
  try {
    const dfd = openSync(dst, "r+");
    try {
      const size = fstatSync(sfd).size;
      for (let at = 0; at < size; at += BLOCK) {
        const n = readFull(sfd, a, at);
        const m = readFull(dfd, b, at);
        if (n !== m || !a.subarray(0, n).equals(b.subarray(0, n))) {
          for (let off = 0; off < n;) off += writeSync(dfd, a, off, n - off, at + off);
          written += n;
        }
        hash.update(a.subarray(0, n));
        options.signal?.throwIfAborted();
        await yieldSometimes();
      }
      if (fstatSync(dfd).size !== size) ftruncateSync(dfd, size);
    } finally {
      closeSync(dfd);
    }
  } finally {
    closeSync(sfd);
  }
  return { written, sha256: hash.digest("hex") };
}
