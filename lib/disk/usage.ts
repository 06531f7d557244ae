import { lstat, readdir, statfs } from "node:fs/promises";
import { join } from "node:path";
import type { DiskUsage } from "./types.ts";

/**
 * Usage of the filesystem holding each path (e.g. Docker's data root and the state dir).
 *
 * @example
 * ```ts
 * const [docker, state] = await diskUsage(["/var/lib/docker", "/var/lib/ci-warm"]);
 * if (docker!.percent > 85) console.log("prune");
 * ```
 */
export async function diskUsage(paths: readonly string[]): Promise<DiskUsage[]> {
  return Promise.all(
    paths.map(async (path) => {
      const s = await statfs(path);
      const totalBytes = s.blocks * s.bsize;
      const usedBytes = (s.blocks - s.bfree) * s.bsize;
      const freeBytes = s.bavail * s.bsize;
      const denom = usedBytes + freeBytes;
      return { path, totalBytes, usedBytes, freeBytes, percent: denom ? Math.ceil((usedBytes * 1000) / denom) / 10 : 0 };
    }),
  );
}

/**
 * Allocated bytes of a file or directory tree (like `du -s --bytes` on allocation: blocks × 512),
 * never following symlinks, plus the newest mtime seen (to tell abandoned from active writes).
 *
 * @example
 * ```ts
 * const { bytes } = await pathSize("/var/lib/ci-warm/demo/known-good");
 * ```
 */
export async function pathSize(path: string, options: { signal?: AbortSignal } = {}): Promise<{ bytes: number; newestMtimeMs: number }> {
  let bytes = 0;
  let newest = 0;
  const seen = new Set<string>();
  const walk = async (p: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const st = await lstat(p).catch(() => undefined);
    if (!st) return;
    newest = Math.max(newest, st.mtimeMs);
    const key = `${st.dev}:${st.ino}`;
    if (st.nlink > 1 && seen.has(key)) return; // hard links count once
    seen.add(key);
    bytes += st.blocks * 512;
    if (!st.isDirectory()) return;
    const names = await readdir(p).catch(() => [] as string[]);
    for (const n of names) await walk(join(p, n));
  };
  await walk(path);
  return { bytes, newestMtimeMs: newest };
}
