/**
 * A short-lived exclusive lock around the registry's read-modify-write. The per-app lock does
 * not cover it: two apps' runs may update `registry.json` at the same moment. In-process
 * callers queue on a promise chain; across processes an `O_EXCL` lock file holds the writer's
 * pid, and a lock left by a dead process is broken.
 * @module
 */
import { open, readFile, stat, unlink } from "node:fs/promises";
import { InfraError } from "../errors.ts";

const chains = new Map<string, Promise<unknown>>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function acquire(lockFile: string, deadline: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    try {
      const fh = await open(lockFile, "wx", 0o644);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const pid = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
    // Empty: the holder is between open and write; give it a moment before judging it dead.
    const stale = pid > 0 ? pid !== process.pid && !alive(pid) : await stat(lockFile).then((s) => Date.now() - s.mtimeMs > 5_000, () => false);
    if (stale) await unlink(lockFile).catch(() => {});
    if (Date.now() > deadline) throw new InfraError(`${lockFile}: still held (pid ${pid || "unknown"}) after waiting; remove it if that process is gone`);
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
  }
}

/**
 * Run `fn` while holding the registry lock `lockFile`.
 *
 * @example
 * ```ts
 * await withRegistryLock("/var/lib/ci-warm/registry.json.lock", async () => { ... });
 * ```
 */
export async function withRegistryLock<T>(lockFile: string, fn: () => Promise<T>, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  const prev = chains.get(lockFile) ?? Promise.resolve();
  const run = prev.catch(() => {}).then(async () => {
    await acquire(lockFile, Date.now() + (options.timeoutMs ?? 30_000), options.signal);
    try {
      return await fn();
    } finally {
      await unlink(lockFile).catch(() => {});
    }
  });
  chains.set(lockFile, run);
  try {
    return await run;
  } finally {
    if (chains.get(lockFile) === run) chains.delete(lockFile);
  }
}
