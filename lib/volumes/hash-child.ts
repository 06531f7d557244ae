/**
 * Hash a list of files in a second process of the same runtime (node or deno), so a snapshot
 * can use the second core for sha256 while this thread hashes the other half. Where `cp`
 * reflinks (xfs, btrfs) the copy is free and the hash is all the work left. The child reads
 * NUL-separated absolute paths on stdin and prints one hex digest per line, in order.
 * @module
 */
import process from "node:process";
import { runBytes } from "./bytes-exec.ts";
import { nulList } from "./names.ts";

// Plain JS for both `node --input-type=module -e` and `deno eval` (which allows file reads).
const SCRIPT = `
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import process from "node:process";
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const paths = Buffer.concat(chunks).toString("utf8").split("\\0");
paths.pop();
const buf = Buffer.allocUnsafe(1 << 20);
let out = "";
for (const p of paths) {
  const h = createHash("sha256");
  const fd = openSync(p, "r");
  try {
    for (;;) { const n = readSync(fd, buf, 0, buf.length, null); if (!n) break; h.update(buf.subarray(0, n)); }
  } finally { closeSync(fd); }
  out += h.digest("hex") + "\\n";
}
process.stdout.write(out);
`;

/** The argv that evaluates {@linkcode SCRIPT} with this process's runtime. */
function runtimeArgs(): string[] {
  return "Deno" in globalThis ? ["eval", "--quiet", SCRIPT] : ["--input-type=module", "-e", SCRIPT];
}

/**
 * sha256 (hex) of each of `paths` (absolute, plain UTF-8 names), computed in a child process.
 *
 * @example
 * ```ts
 * const [digest] = await sha256InChild(["/var/lib/docker/volumes/x/_data/base/1/1259"]);
 * ```
 */
export async function sha256InChild(paths: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string[]> {
  if (!paths.length) return [];
  const out = new TextDecoder().decode(await runBytes(process.execPath, runtimeArgs(), { input: nulList(paths), signal: options.signal }));
  // execa strips the final newline; no digest is empty.
  const digests = out.split("\n").filter(Boolean);
  if (digests.length !== paths.length || !digests.every((d) => /^[0-9a-f]{64}$/.test(d))) {
    throw new Error(`the hashing child printed ${digests.length} digests for ${paths.length} files`);
  }
  return digests;
}
