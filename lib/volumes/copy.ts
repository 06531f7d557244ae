/**
 * Copying with GNU cp: reflink where the filesystem allows (a clone shares the extents: no data
 * is read or written), sparse files kept sparse, owner, mode, times and symlinks preserved.
 * `cp` rather than a FICLONE call from JS: neither runtime exposes ioctl, and `cp` also brings
 * copy_file_range, hole-preserving copies and special files. A whole tree keeps its hard links
 * (`cp -a`); lists of entries are copied as separate files and linked afterwards (lib/volumes/links.ts).
 * Lists travel as NUL-separated bytes through `xargs -0` (names need not be UTF-8; xargs also
 * keeps every argv under ARG_MAX).
 * @module
 */
import { runBytes } from "./bytes-exec.ts";
import { nulList } from "./names.ts";

// --sparse=auto (cp's default): holes of a sparse source are kept (SEEK_HOLE), and no byte of
// a dense file is scanned for zero runs; `always` cost a CPU pass over every byte, competing
// with the hash for the second core.
const CP_FLAGS = ["-a", "--reflink=auto", "--sparse=auto"] as const;

/**
 * Copy the tree at `src` to the new path `dst` (which must not exist).
 *
 * @example
 * ```ts
 * await copyTree("/var/lib/docker/volumes/x/_data", "/var/lib/ci-warm/demo/.tmp-1/x");
 * ```
 */
export async function copyTree(src: string, dst: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  await runBytes("cp", [...CP_FLAGS, "-T", "--", src, dst], { signal: options.signal });
}

/**
 * Copy the non-directory entries `rels` (paths relative to `srcRoot`) to the same relative
 * paths under `dstRoot`, whose parent directories must exist. An existing regular file is
 * overwritten in place (its directory's mtime does not move); `removeFirst` unlinks it first.
 *
 * @example
 * ```ts
 * await copyEntries("/state/demo/known-good/db", "/var/lib/docker/volumes/x/_data", ["a/b.dat"]);
 * ```
 */
export async function copyEntries(srcRoot: string, dstRoot: string, rels: readonly string[], options: { signal?: AbortSignal; removeFirst?: boolean } = {}): Promise<void> {
  const how = options.removeFirst ? "--remove-destination" : "-f";
  await xargs(srcRoot, ["cp", ...CP_FLAGS, "--no-preserve=links", how, "--parents", "-t", dstRoot, "--"], rels, options.signal);
}

/**
 * Hard-link the regular files `rels` of `srcRoot` at the same relative paths under `dstRoot`
 * (both in one filesystem; parents must exist).
 *
 * @example
 * ```ts
 * await linkEntries("/state/demo/known-good/db", "/state/demo/.tmp-1/db", ["PG_VERSION"]);
 * ```
 */
export async function linkEntries(srcRoot: string, dstRoot: string, rels: readonly string[], options: { signal?: AbortSignal } = {}): Promise<void> {
  await xargs(srcRoot, ["cp", "-l", "--parents", "-t", dstRoot, "--"], rels, options.signal);
}

/**
 * Copy owner, mode and mtime (to the nanosecond) of the directories `rels` from `srcRoot` onto
 * the existing directories of `dstRoot`: one `tar | tar` pipe for any number of them (a pax
 * archive of directory headers only), instead of a `touch` per directory.
 *
 * @example
 * ```ts
 * await copyDirAttributes("/state/demo/known-good/db", "/var/lib/docker/volumes/x/_data", [".", "base"]);
 * ```
 */
export async function copyDirAttributes(srcRoot: string, dstRoot: string, rels: readonly string[], options: { signal?: AbortSignal } = {}): Promise<void> {
  if (!rels.length) return;
  const pipe = `set -o pipefail; tar -C "$1" --null --no-recursion -T - --format=posix -cf - | tar -C "$2" -xf - --no-recursion --same-owner --same-permissions`;
  await runBytes("bash", ["-c", pipe, "bash", srcRoot, dstRoot], { input: nulList(rels), signal: options.signal });
}

/**
 * Run `argv` over `rels` in batches with `xargs -0` (cwd `cwd`); nothing when `rels` is empty.
 * `perCall` fixes how many names each call takes (e.g. 2 for `ln TARGET LINK`).
 *
 * @example
 * ```ts
 * await xargs("/data", ["rm", "-rf", "--"], ["old", "tmp/x"]);
 * ```
 */
export async function xargs(cwd: string, argv: readonly string[], rels: readonly string[], signal?: AbortSignal, perCall?: number): Promise<void> {
  if (!rels.length) return;
  await runBytes("xargs", ["-0", "-r", ...(perCall ? ["-n", String(perCall)] : []), "--", ...argv], { cwd, input: nulList(rels), signal });
}
