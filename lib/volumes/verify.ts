/**
 * verifySnapshot (MANIFEST vs the files in known-good) and verifyVolumesAgainstManifest
 * (live volumes vs the known-good MANIFEST): every entry's type, size, mode, owner, mtime,
 * symlink target and sha256, plus anything extra.
 * @module
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { compareTree, type HashMode } from "./compare.ts";
import type { ProgressCounter } from "./hash-entries.ts";
import { MANIFEST_NAME, snapshotLayout } from "./layout.ts";
import { readManifest } from "./manifest.ts";
import { SEAL_NAME } from "./seal.ts";
import type { Manifest } from "./manifest-schema.ts";
import { matchVolumes } from "./match.ts";
import type { ProgressFn, VolumeRef } from "./types.ts";

/** One difference found by a verification. */
export interface VerifyMismatch {
  /** The volume key (or `.` for the snapshot directory itself). */
  volume: string;
  path: string;
  problem: string;
}

/** The outcome of a verification. */
export interface VerifyResult {
  ok: boolean;
  manifestDigest: string;
  commit: string;
  mismatches: VerifyMismatch[];
  /** Entries checked. */
  entries: number;
}

/** Options for the verify functions. */
export interface VerifyOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** `all` (default) hashes every file; `quick` trusts equal size + mtime. */
  hash?: HashMode;
}

/**
 * Check that `<stateDir>/<recipe>/known-good` matches its MANIFEST exactly (its files hashed,
 * and read-only: the store keeps the MANIFEST's mode minus write bits). A missing or damaged
 * MANIFEST throws an InfraError naming the file.
 *
 * @example
 * ```ts
 * const res = await verifySnapshot("/var/lib/ci-warm", "demo");
 * if (!res.ok) console.error(res.mismatches);
 * ```
 */
export async function verifySnapshot(stateDir: string, recipe: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { knownGood } = snapshotLayout(stateDir, recipe);
  const { manifest, digest } = await readManifest(knownGood);
  const roots = manifest.volumes.map((v) => join(knownGood, v.key));
  const res = await verifyRoots(manifest, digest, roots, { ...options, readOnly: true });
  const expected = new Set([MANIFEST_NAME, SEAL_NAME, ...manifest.volumes.map((v) => v.key)]);
  for (const name of await readdir(knownGood)) {
    if (!expected.has(name)) res.mismatches.push({ volume: ".", path: name, problem: "not in the snapshot" });
  }
  return { ...res, ok: res.mismatches.length === 0 };
}

/**
 * Check live volumes against the recipe's known-good MANIFEST (e.g. right after a restore).
 *
 * @example
 * ```ts
 * const res = await verifyVolumesAgainstManifest(volumes, { stateDir: "/var/lib/ci-warm", recipe: "demo", stack: "warm-demo" });
 * ```
 */
export async function verifyVolumesAgainstManifest(volumes: readonly VolumeRef[], options: VerifyOptions & { stateDir: string; recipe: string; stack?: string }): Promise<VerifyResult> {
  const { knownGood } = snapshotLayout(options.stateDir, options.recipe);
  const { manifest, digest } = await readManifest(knownGood);
  const matched = matchVolumes(volumes, manifest, options.stack);
  return verifyRoots({ ...manifest, volumes: matched.map((m) => m.manifest) }, digest, matched.map((m) => m.volume.mountpoint), options);
}

async function verifyRoots(manifest: Manifest, digest: string, roots: string[], options: VerifyOptions & { readOnly?: boolean }): Promise<VerifyResult> {
  const mismatches: VerifyMismatch[] = [];
  const files = manifest.volumes.flatMap((v) => v.entries.filter((e) => e.type === "file"));
  const counter: ProgressCounter = { bytesDone: 0, bytesTotal: files.reduce((n, e) => n + e.size, 0), filesDone: 0, filesTotal: files.length };
  let entries = 0;
  for (const [i, v] of manifest.volumes.entries()) {
    const cmp = await compareTree(roots[i] as string, v.entries, { hash: options.hash ?? "all", readOnly: options.readOnly, counter, signal: options.signal,
      onProgress: options.onProgress && ((b, bt, f, ft) => options.onProgress!(b, bt, f, ft, "verify")) });
    mismatches.push(...cmp.mismatches.map((m) => ({ volume: v.key, ...m })));
    entries += v.entries.length;
  }
  return { ok: mismatches.length === 0, manifestDigest: digest, commit: manifest.commit, mismatches, entries };
}
