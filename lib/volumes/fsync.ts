/**
 * Durability helpers: fsync a file or directory, sync a filesystem, and write a file atomically
 * (temp file in the same directory, fsync, rename, fsync the directory).
 * @module
 */
import { runCommandOrThrow } from "../exec/command.ts";


/**
 * Flush every dirty page and inode of the filesystem holding `path` (`syncfs(2)` via
 * `sync -f`): one call instead of an fsync per file after copying a tree.
 *
 * @example
 * ```ts
 * await syncFilesystem("/var/lib/ci-warm/demo/.tmp-1a2b");
 * ```
 */
export async function syncFilesystem(path: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  await runCommandOrThrow("sync", ["-f", "--", path], { signal: options.signal });
}

export { fsyncPath, writeFileAtomic } from "../fs/atomic.ts";
