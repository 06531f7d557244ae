/**
 * Copying with GNU cp: reflink where the filesystem allows, sparse files kept sparse, owner,
 * mode, times and symlinks preserved, and never a hard link (`--no-preserve=links` also breaks
 * hard links *inside* the tree, so every path is its own inode, as MANIFEST describes it).
 * @module
 */
import { InfraError } from "../errors.ts";
import { CommandError, runCommandOrThrow } from "../exec/command.ts";

const CP_FLAGS = ["-a", "--no-preserve=links", "--reflink=auto", "--sparse=always"] as const;

/**
 * Copy the tree at `src` to the new path `dst` (which must not exist).
 *
 * @example
 * ```ts
 * await copyTree("/var/lib/docker/volumes/x/_data", "/var/lib/ci-warm/demo/.tmp-1/x");
 * ```
 */
export async function copyTree(src: string, dst: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  await cp([...CP_FLAGS, "-T", "--", src, dst], undefined, options.signal);
}

/**
 * Copy the non-directory entries `rels` (paths relative to `srcRoot`) to the same relative
 * paths under `dstRoot`, replacing what is there. Parent directories must exist in `dstRoot`.
 *
 * @example
 * ```ts
 * await copyEntries("/state/demo/known-good/db", "/var/lib/docker/volumes/x/_data", ["a/b.dat"]);
 * ```
 */
export async function copyEntries(srcRoot: string, dstRoot: string, rels: readonly string[], options: { signal?: AbortSignal } = {}): Promise<void> {
  // Batches keep argv well under ARG_MAX.
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    await cp([...CP_FLAGS, "--remove-destination", "--parents", "--", ...batch, dstRoot], srcRoot, options.signal);
    [batch, size] = [[], 0];
  };
  for (const rel of rels) {
    batch.push(rel);
    size += rel.length + 1;
    if (batch.length >= 1000 || size > 64_000) await flush();
  }
  await flush();
}

async function cp(args: string[], cwd: string | undefined, signal?: AbortSignal): Promise<void> {
  try {
    await runCommandOrThrow("cp", args, { cwd, signal });
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    const stderr = err.result.stderr;
    const why = /No space left on device/.test(stderr) ? "no space left on device" : stderr.trim().split("\n").slice(-3).join("; ").slice(0, 600);
    throw new InfraError(`copy failed: ${why}`, { cause: err });
  }
}
