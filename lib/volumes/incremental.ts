/**
 * Which files of a new snapshot can be taken from the previous known-good by hard link.
 *
 * A source file is *unchanged* when its size, exact mtime, mode and owner equal the previous
 * MANIFEST entry's AND its content is the same: either its stamp (inode + ctime) is the one the
 * previous snapshot recorded — the kernel moves ctime on every write, chmod, chown or utimes
 * and nothing sets it back, so a forged mtime cannot hide a change — or, failing that, its
 * sha256 (hashed anyway for the new MANIFEST) equals the recorded one.
 *
 * The previous known-good's file is *intact* when its size, mtime, owner and read-only mode
 * match its MANIFEST and its ctime is not after the known-good's seal (lib/volumes/seal.ts): a
 * hand edit (even with `touch -d` afterwards) moves ctime. Anything not intact is copied afresh, never linked;
 * silent corruption without a ctime change (bit rot) is left to verifySnapshot, which hashes
 * every file, and to restore, which hashes what it copies out.
 * @module
 */
import type { ManifestEntry, ManifestVolume } from "./manifest-schema.ts";
import type { TreeScan } from "./walk.ts";

/** The plan for one volume of a new snapshot. */
export interface VolumePlan {
  /** Unchanged by stamp: take the previous sha256 and link. */
  trusted: ManifestEntry[];
  /** Metadata unchanged and the previous copy intact: link if the hash agrees, else copy. */
  candidates: ManifestEntry[];
  /** The previous MANIFEST's sha256 of each candidate. */
  previousSha: Map<string, string>;
  /** Everything else that is not a directory or a hard link of an earlier entry: copy. */
  copy: ManifestEntry[];
}

/**
 * Plan one volume: `scan` is the source, `prev` the previous MANIFEST's volume (if any) and
 * `store` a walk of its directory in the previous known-good, `sealedAtNs` that known-good's
 * seal time (undefined: nothing is linked).
 *
 * @example
 * ```ts
 * const plan = planVolume(scan, previous.volumes[0], storeScan, sealedAtNs);
 * ```
 */
export function planVolume(scan: TreeScan, prev: ManifestVolume | undefined, store: TreeScan | undefined, sealedAtNs: bigint | undefined): VolumePlan {
  const plan: VolumePlan = { trusted: [], candidates: [], previousSha: new Map(), copy: [] };
  const before = new Map(prev?.entries.map((e) => [e.path, e]));
  const stored = new Map(store?.entries.map((e) => [e.path, e]));
  const committedNs = sealedAtNs ?? -1n;
  for (const e of scan.entries) {
    if (e.type === "dir" || e.hardlinkOf !== undefined) continue;
    const p = before.get(e.path);
    const s = stored.get(e.path);
    const same = e.type === "file" && p?.type === "file" && p.hardlinkOf === undefined && p.sha256 !== undefined &&
      p.size === e.size && p.mtimeNs === e.mtimeNs && p.mode === e.mode && p.uid === e.uid && p.gid === e.gid;
    if (!same || !s || !intact(p!, s, committedNs)) {
      plan.copy.push(e);
      continue;
    }
    if (p!.stamp !== undefined && p!.stamp === e.stamp) {
      e.sha256 = p!.sha256;
      plan.trusted.push(e);
    } else {
      plan.candidates.push(e);
      plan.previousSha.set(e.path, p!.sha256!);
    }
  }
  return plan;
}

function intact(want: ManifestEntry, got: ManifestEntry, committedNs: bigint): boolean {
  const ctimeNs = BigInt(got.stamp?.split(":")[1] ?? "0");
  return got.type === "file" && got.hardlinkOf === undefined && got.size === want.size && got.mtimeNs === want.mtimeNs &&
    got.mode === (want.mode & ~0o222) && got.uid === want.uid && got.gid === want.gid && ctimeNs <= committedNs;
}
