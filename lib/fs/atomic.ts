/**
 * Durable file writes: fsync a path, and write a file atomically (temp file in the same
 * directory, fsync, rename, fsync the directory). Used for every small state file.
 * @module
 */
import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * fsync a file or directory by path (a directory fsync persists its entries: creates, renames).
 *
 * @example
 * ```ts
 * await fsyncPath("/var/lib/ci-warm/demo");
 * ```
 */
export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Replace `path` with `data` atomically and durably: readers see the old or the new file,
 * never a partial one, and the new one survives a crash once this resolves.
 *
 * @example
 * ```ts
 * await writeFileAtomic("/var/lib/ci-warm/registry.json", JSON.stringify(registry));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${randomBytes(6).toString("hex")}`);
  const fh = await open(tmp, "wx", options.mode ?? 0o644);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await fsyncPath(dir);
}
