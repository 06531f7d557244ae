/**
 * Shared types of the known-good snapshot area: volumes, progress, options and results.
 * @module
 */

/** A docker volume (or any directory) to snapshot or restore. */
export interface VolumeRef {
  /** The docker volume name, e.g. `warm-demo_ci_local_db-data`. */
  name: string;
  /** Where its data lives on the host (`docker volume inspect` → Mountpoint). */
  mountpoint: string;
  /** The stable key the snapshot stores it under; default: `name` without the `<stack>_` prefix. */
  key?: string;
}

/** The phase a progress report belongs to. */
export type SnapshotPhase = "scan" | "copy" | "hash" | "compare" | "restore" | "verify";

/**
 * Progress callback: bytes and files done/total within the current phase.
 * Called often; keep it cheap.
 */
export type ProgressFn = (bytesDone: number, bytesTotal: number, filesDone: number, filesTotal: number, phase: SnapshotPhase) => void;

/** Checks that no container (running or stopped) mounts any of the volumes; throws otherwise. */
export type MountCheck = (volumes: readonly VolumeRef[], signal?: AbortSignal) => Promise<void>;

/** Options shared by snapshot and restore. */
export interface VolumeOpOptions {
  /** The state directory (holds `<recipe>/known-good`). */
  stateDir: string;
  /** The recipe whose canonical this is. */
  recipe: string;
  /** The docker stack prefix of the volume names (`<stack>_<vol>` → key `<vol>`). */
  stack?: string;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Replaces the docker "no container mounts it" pre-flight (tests on plain directories). */
  mountCheck?: MountCheck;
}

/** Options for `snapshotVolumes`. */
export interface SnapshotOptions extends VolumeOpOptions {
  /** The recipe commit the data belongs to (recorded in MANIFEST). */
  commit: string;
  /** Hash of the deployed stack spec (recorded in MANIFEST). */
  stackSpecHash?: string;
  /** Image → digest of the deployed services (recorded in MANIFEST). */
  imageDigests?: Record<string, string>;
  /** Keys of the app's volumes excluded by backup label (recorded in MANIFEST, so a restore leaves them alone). */
  excludedVolumes?: readonly string[];
  /** Refuse to start when the state filesystem would end above this use (default 95). */
  maxUsePercent?: number;
}

/** What `snapshotVolumes` returns. */
export interface SnapshotResult {
  /** sha256 (hex) of the MANIFEST bytes: the snapshot's identity. */
  manifestDigest: string;
  /** Regular-file bytes copied (apparent size). */
  bytes: number;
  /** Entries (files, dirs, symlinks, …) in the snapshot. */
  files: number;
  /** Regular files taken from the previous known-good by hard link instead of copied. */
  reusedFiles: number;
  durationMs: number;
  /** Where the time went, in ms: scan, plan, copy (with the hash beside it), check, sync, commit. */
  phases: Record<string, number>;
}
