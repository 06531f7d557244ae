/**
 * snapshotVolumes: copy undeployed volumes into `.tmp-<id>`, hash, write MANIFEST last, swap it
 * in as `known-good` (two renames + fsync), and only then drop the old copy.
 * @module
 */
import { lstat, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { InfraError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { gitRefSchema } from "../validate/names.ts";
import { copyTree } from "./copy.ts";
import { fsyncPath, syncFilesystem } from "./fsync.ts";
import { entryDiff, hashEntries, type ProgressCounter } from "./hash-entries.ts";
import { newSnapshotId, snapshotLayout, volumeKeys } from "./layout.ts";
import { writeManifest } from "./manifest.ts";
import type { Manifest, ManifestEntry, ManifestVolume } from "./manifest-schema.ts";
import { assertNoContainerMounts, assertSpaceFor } from "./preflight.ts";
import { recoverSnapshots } from "./recover.ts";
import { failure } from "./failure.ts";
import type { SnapshotOptions, SnapshotResult, VolumeRef } from "./types.ts";
import { walkTree } from "./walk.ts";

/**
 * Take the recipe's new known-good snapshot of `volumes` (undeployed: no container may mount
 * them). Nothing is written unless the pre-flight passes; on any failure the previous
 * known-good is left as it was and no `.tmp-*` remains.
 *
 * @example
 * ```ts
 * const res = await snapshotVolumes([{ name: "warm-demo_db", mountpoint: "/var/lib/docker/volumes/warm-demo_db/_data" }],
 *   { stateDir: "/var/lib/ci-warm", recipe: "demo", commit: "3f2a1b0", stack: "warm-demo" });
 * console.log(res.manifestDigest);
 * ```
 */
export async function snapshotVolumes(volumes: readonly VolumeRef[], options: SnapshotOptions): Promise<SnapshotResult> {
  const started = Date.now();
  const { signal, onProgress } = options;
  const { recipeDir, knownGood } = snapshotLayout(options.stateDir, options.recipe);
  const commit = parseInput("commit", gitRefSchema, options.commit);
  const keys = volumeKeys(volumes, options.stack);
  signal?.throwIfAborted();
  await (options.mountCheck ?? assertNoContainerMounts)(volumes, signal);
  await mkdir(recipeDir, { recursive: true, mode: 0o700 });
  await recoverSnapshots(options.stateDir, options.recipe);

  const scans = [];
  for (const v of volumes) scans.push(await walkTree(v.mountpoint, { signal }).catch((e) => Promise.reject(failure(`cannot read volume ${v.name}`, e, signal))));
  const entryCount = scans.reduce((n, s) => n + s.entries.length, 0);
  const bytes = scans.reduce((n, s) => n + s.bytes, 0);
  // Allocated blocks (sparse-aware) + directory blocks + MANIFEST (~300 bytes per entry).
  const needed = scans.reduce((n, s) => n + s.allocatedBytes, 0) + entryCount * 300;
  await assertSpaceFor(recipeDir, needed, { maxUsePercent: options.maxUsePercent });

  const id = newSnapshotId();
  const tmp = join(recipeDir, `.tmp-${id}`);
  let committed = false;
  try {
    await mkdir(tmp, { mode: 0o700 });
    const copyCounter: ProgressCounter = { bytesDone: 0, bytesTotal: bytes, filesDone: 0, filesTotal: entryCount };
    onProgress?.(0, bytes, 0, entryCount, "copy");
    for (const [i, v] of volumes.entries()) {
      await copyTree(v.mountpoint, join(tmp, keys[i] as string), { signal });
      copyCounter.bytesDone += scans[i]!.bytes;
      copyCounter.filesDone += scans[i]!.entries.length;
      onProgress?.(copyCounter.bytesDone, bytes, copyCounter.filesDone, entryCount, "copy");
    }
    const hashCounter: ProgressCounter = { bytesDone: 0, bytesTotal: bytes, filesDone: 0, filesTotal: scans.reduce((n, s) => n + s.entries.filter((e) => e.type === "file").length, 0) };
    const mvols: ManifestVolume[] = [];
    for (const [i, v] of volumes.entries()) {
      const key = keys[i] as string;
      const copy = await walkTree(join(tmp, key), { signal });
      assertSameTree(v.name, scans[i]!.entries, copy.entries);
      await hashEntries(join(tmp, key), copy.entries, { counter: hashCounter, phase: "hash", onProgress, signal });
      mvols.push({ key, name: v.name, mountpoint: v.mountpoint, entries: copy.entries });
    }
    await syncFilesystem(tmp, { signal });
    const manifest: Manifest = {
      format: 1, recipe: options.recipe, commit, stackSpecHash: options.stackSpecHash,
      imageDigests: options.imageDigests ?? {}, createdAt: new Date().toISOString(), volumes: mvols,
      excluded: [...(options.excludedVolumes ?? [])].sort(),
    };
    signal?.throwIfAborted();
    const manifestDigest = await writeManifest(tmp, manifest);
    await swapIn(recipeDir, knownGood, tmp, id, () => (committed = true));
    return { manifestDigest, bytes, files: entryCount, durationMs: Date.now() - started };
  } catch (err) {
    // Undo: recovery removes the .tmp and, if the swap stopped halfway, puts the old copy back.
    await recoverSnapshots(options.stateDir, options.recipe).catch(() => {});
    const state = committed ? "the new known-good was committed but not synced" : "the previous known-good is unchanged";
    throw failure(`snapshot of ${options.recipe} failed; ${state}`, err, signal);
  }
}

async function swapIn(recipeDir: string, knownGood: string, tmp: string, id: string, onCommit: () => void): Promise<void> {
  const old = join(recipeDir, `.old-${id}`);
  const hadOld = await lstat(knownGood).then(() => true, () => false);
  if (hadOld) await rename(knownGood, old);
  await rename(tmp, knownGood); // the commit point
  onCommit();
  await fsyncPath(recipeDir);
  if (!hadOld) return;
  // Dropping the old copy is housekeeping: a failure here leaves garbage recovery removes.
  await rm(old, { recursive: true, force: true }).then(() => fsyncPath(recipeDir)).catch(() => {});
}

function assertSameTree(name: string, source: readonly ManifestEntry[], copy: readonly ManifestEntry[]): void {
  const problems: string[] = [];
  if (source.length !== copy.length) problems.push(`${source.length} entries in the volume, ${copy.length} in the copy`);
  for (let i = 0; i < Math.min(source.length, copy.length) && problems.length < 5; i++) {
    const [s, c] = [source[i]!, copy[i]!];
    const diff = s.path !== c.path ? [`path ${s.path} ≠ ${c.path}`] : entryDiff(s, c);
    if (diff.length) problems.push(`${s.path}: ${diff.join(", ")}`);
  }
  if (problems.length) throw new InfraError(`volume ${name} changed while it was copied, or the copy is not faithful: ${problems.join("; ")}`);
}
