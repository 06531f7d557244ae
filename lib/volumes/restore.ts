/**
 * restoreSnapshot: bring live volumes back to the known-good, copying only what differs
 * (never by hard link), removing extras, fixing metadata, then verifying against MANIFEST.
 * @module
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InfraError } from "../errors.ts";
import { compareTree } from "./compare.ts";
import { copyEntries, xargs } from "./copy.ts";
import { failure } from "./failure.ts";
import { hashEntries, type ProgressCounter } from "./hash-entries.ts";
import { snapshotLayout, volumeKeys } from "./layout.ts";
import { readManifest } from "./manifest.ts";
import { matchVolumes } from "./match.ts";
import { fixMetadata } from "./metadata.ts";
import { runBytes } from "./bytes-exec.ts";
import { isPlainName, showName } from "./names.ts";
import { PATCH_MIN_BYTES, patchFile } from "./patch.ts";
import { phaseClock } from "./phases.ts";
import { assertNoContainerMounts } from "./preflight.ts";
import { recoverSnapshots } from "./recover.ts";
import type { ManifestEntry } from "./manifest-schema.ts";
import type { VolumeOpOptions, VolumeRef } from "./types.ts";

/** Options for {@linkcode restoreSnapshot}. */
export interface RestoreOptions extends VolumeOpOptions {
  /**
   * Trust equal size + mtime (rsync's quick check). By default a file is trusted only when its
   * stamp (inode + ctime) is the one the snapshot read: unchanged since, whatever its mtime says.
   */
  quickCheck?: boolean;
}

/** What {@linkcode restoreSnapshot} did. */
export interface RestoreResult {
  manifestDigest: string;
  commit: string;
  /** Entries in the snapshot. */
  entries: number;
  /** Non-directories copied back from the snapshot, and their bytes. */
  filesCopied: number;
  bytesCopied: number;
  /**
   * Bytes handed to `cp` (copied, or cloned on xfs/btrfs) plus the blocks rewritten in place in
   * large files patched block by block: far below bytesCopied when large files changed a little.
   */
  bytesWritten: number;
  /** Extra or wrong-typed paths removed (a directory counts once). */
  removed: number;
  /** Directories created. */
  dirsCreated: number;
  /** Entries whose owner, mode or mtime was fixed. */
  metadataFixed: number;
  /** Files hashed to decide whether they differ. */
  hashedFiles: number;
  durationMs: number;
  /** Where the time went, in ms: compare (walk + hash of files whose stamp moved), write, metadata, verify. */
  phases: Record<string, number>;
}

/**
 * Restore `volumes` (undeployed: no container may mount them) to the recipe's known-good.
 * Verifies the result against MANIFEST and throws an InfraError listing what still differs.
 *
 * @example
 * ```ts
 * const res = await restoreSnapshot(volumes, { stateDir: "/var/lib/ci-warm", recipe: "demo", stack: "warm-demo" });
 * console.log(`${res.filesCopied} files copied back`);
 * ```
 */
export async function restoreSnapshot(volumes: readonly VolumeRef[], options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const { signal, onProgress } = options;
  const { knownGood } = snapshotLayout(options.stateDir, options.recipe);
  volumeKeys(volumes, options.stack);
  signal?.throwIfAborted();
  await (options.mountCheck ?? assertNoContainerMounts)(volumes, signal);
  await recoverSnapshots(options.stateDir, options.recipe);
  const { manifest, digest } = await readManifest(knownGood);
  const pairs = matchVolumes(volumes, manifest, options.stack);
  const res: RestoreResult = { manifestDigest: digest, commit: manifest.commit, entries: 0, filesCopied: 0, bytesCopied: 0, bytesWritten: 0, removed: 0, dirsCreated: 0, metadataFixed: 0, hashedFiles: 0, durationMs: 0, phases: {} };
  const phase = phaseClock(res.phases);
  const problems: string[] = [];
  try {
    for (const { volume, manifest: mv } of pairs) {
      const root = volume.mountpoint;
      const src = join(knownGood, mv.key);
      // Large files whose stamp moved are not hashed here: the block comparison below reads them anyway.
      const cmp = await compareTree(root, mv.entries, { hash: options.quickCheck ? "quick" : "stamp", onProgress, signal, unhashedFrom: PATCH_MIN_BYTES });
      if (cmp.wrongType.includes(".")) throw new InfraError(`${root} is not a directory`);
      phase("compare");
      await xargs(root, ["rm", "-rf", "--"], [...cmp.extra, ...cmp.wrongType, ...cmp.unlink], signal);
      await xargs(root, ["mkdir", "--"], cmp.mkdirs.map((d) => d.path), signal);
      const bytes = cmp.replace.reduce((n, e) => n + e.size, 0);
      const [copies, links] = [cmp.replace.filter((e) => e.hardlinkOf === undefined), cmp.replace.filter((e) => e.hardlinkOf !== undefined)];
      // Large files still there as the same singly linked file (`present`: never among what was
      // removed or unlinked above): rewrite only the blocks that differ. The rest, and any name a
      // JS file API cannot open, are copied by `cp`.
      const present = new Set(cmp.present);
      const large = copies.filter((e) => e.type === "file" && e.size >= PATCH_MIN_BYTES && present.has(e.path) && isPlainName(e.path));
      // Where `cp` can clone from the store (xfs, btrfs: same filesystem), a clone writes nothing
      // and shares the store's blocks: better than patching.
      const patchable = large.length && !(await canClone(join(src, large[0]!.path), dirname(join(root, large[0]!.path)), signal)) ? large : [];
      const patched = new Map<ManifestEntry, string>();
      for (const e of patchable) {
        // A file that cannot be opened for writing (no write bit, not root) is left to `cp -f`, which unlinks it first.
        const p = await patchFile(join(src, e.path), join(root, e.path), { signal }).catch((err: NodeJS.ErrnoException) => {
          if (err?.code === "EACCES" || err?.code === "EPERM") return undefined;
          throw err;
        });
        if (p === undefined) continue;
        res.bytesWritten += p.written;
        patched.set(e, p.sha256);
      }
      const whole = copies.filter((e) => !patched.has(e));
      await copyEntries(src, root, whole.map((e) => e.path), { signal });
      res.bytesWritten += whole.reduce((n, e) => n + e.size, 0);
      await xargs(root, ["ln", "-f", "--"], links.flatMap((e) => [e.hardlinkOf!, e.path]), signal, 2);
      onProgress?.(bytes, bytes, cmp.replace.length, cmp.replace.length, "restore");
      phase("write");
      const metadataFixed = await fixMetadata(root, src, mv.entries, { signal });
      phase("metadata");
      // Verify: metadata of everything; content of the copied files (the rest was hashed above,
      // or trusted by stamp, or by size + mtime under quickCheck).
      const after = await compareTree(root, mv.entries, { hash: "quick", signal });
      problems.push(...after.mismatches.map((m) => `${mv.key}/${m.path}: ${m.problem}`));
      // Patched files were hashed as they were compared block by block; the rest are read back.
      const wantFiles = copies.filter((x) => x.type === "file");
      const copied = wantFiles.map((e) => ({ ...e, sha256: patched.get(e) }));
      const unread = copied.filter((e) => e.sha256 === undefined);
      const counter: ProgressCounter = { bytesDone: 0, bytesTotal: unread.reduce((n, e) => n + e.size, 0), filesDone: 0, filesTotal: unread.length };
      await hashEntries(root, unread, { counter, phase: "verify", onProgress, signal });
      for (const [i, e] of copied.entries()) if (e.sha256 !== wantFiles[i]!.sha256) problems.push(`${mv.key}/${showName(e.path)}: content (sha256) differs after copy`);
      phase("verify");
      res.entries += mv.entries.length;
      res.filesCopied += cmp.replace.length;
      res.bytesCopied += bytes;
      res.removed += cmp.extra.length + cmp.wrongType.length;
      res.dirsCreated += cmp.mkdirs.length;
      res.metadataFixed += metadataFixed;
      res.hashedFiles += cmp.hashedFiles;
    }
  } catch (err) {
    throw failure(`restore of ${options.recipe} failed; its volumes are partly restored: run the restore again`, err, signal);
  }
  if (problems.length) {
    throw new InfraError(`restore of ${options.recipe} did not verify (${problems.length} differences): ${problems.slice(0, 10).join("; ")}`);
  }
  return { ...res, durationMs: Date.now() - started };
}

/**
 * Whether `cp --reflink=always` can clone `storeFile` into `dir` (both on one reflink-capable
 * filesystem): tried once with a probe file that is removed again.
 */
async function canClone(storeFile: string, dir: string, signal?: AbortSignal): Promise<boolean> {
  const probe = join(dir, `.ccw-clone-probe-${randomBytes(6).toString("hex")}`);
  try {
    await runBytes("cp", ["--reflink=always", "--", storeFile, probe], { signal });
    return true;
  } catch {
    signal?.throwIfAborted();
    return false;
  } finally {
    await rm(probe, { force: true });
  }
}
