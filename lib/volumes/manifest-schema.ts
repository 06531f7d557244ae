/**
 * The MANIFEST of a snapshot: per volume, per entry, what a faithful copy must match.
 * @module
 */
import { z } from "zod";

/** Kinds of filesystem entries a snapshot records. */
export type EntryType = "file" | "dir" | "symlink" | "fifo" | "socket" | "char" | "block";

/** One entry of a volume tree. `path` is relative to the volume root; the root itself is `.`. */
export interface ManifestEntry {
  path: string;
  type: EntryType;
  /** Apparent size in bytes (files; 0 otherwise). */
  size: number;
  /** Permission bits including setuid/setgid/sticky (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  /**
   * Modification time in nanoseconds since the epoch, as a decimal string: exact when written
   * under Node, millisecond-precise under Deno; compared to the millisecond.
   */
  mtimeNs: string;
  /** sha256 (hex) of a regular file's content. */
  sha256?: string | undefined;
  /** A symlink's target. */
  target?: string | undefined;
}

/** One volume in a snapshot. */
export interface ManifestVolume {
  /** The stable key: the directory name inside the snapshot. */
  key: string;
  /** The docker volume name at snapshot time. */
  name: string;
  /** The mountpoint at snapshot time (informational). */
  mountpoint: string;
  entries: ManifestEntry[];
}

/** The whole MANIFEST file. */
export interface Manifest {
  format: 1;
  recipe: string;
  commit: string;
  stackSpecHash?: string | undefined;
  imageDigests: Record<string, string>;
  createdAt: string;
  volumes: ManifestVolume[];
  /** Keys of the app's volumes left out by backup label (`backupbot.backup.volumes.<v>=false`): a restore leaves them alone. Absent in MANIFESTs written before it was recorded. */
  excluded?: string[] | undefined;
}

const entryTypes = ["file", "dir", "symlink", "fifo", "socket", "char", "block"] as const;

/**
 * Validates one MANIFEST entry.
 *
 * @example
 * ```ts
 * manifestEntrySchema.parse({ path: "PG_VERSION", type: "file", size: 3, mode: 0o600, uid: 70, gid: 70, mtimeNs: "0" });
 * ```
 */
export const manifestEntrySchema: z.ZodType<ManifestEntry> = z.object({
  path: z.string().min(1),
  type: z.enum(entryTypes),
  size: z.number().int().nonnegative(),
  mode: z.number().int().min(0).max(0o7777),
  uid: z.number().int().nonnegative(),
  gid: z.number().int().nonnegative(),
  mtimeNs: z.string().regex(/^-?\d+$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  target: z.string().optional(),
});

/**
 * Validates a MANIFEST file's JSON.
 *
 * @example
 * ```ts
 * const manifest = manifestSchema.parse(JSON.parse(text));
 * ```
 */
export const manifestSchema: z.ZodType<Manifest> = z.object({
  format: z.literal(1),
  recipe: z.string().min(1),
  commit: z.string().min(1),
  stackSpecHash: z.string().optional(),
  imageDigests: z.record(z.string(), z.string()),
  createdAt: z.string(),
  volumes: z.array(z.object({ key: z.string().min(1), name: z.string().min(1), mountpoint: z.string(), entries: z.array(manifestEntrySchema) })),
  excluded: z.array(z.string().min(1)).optional(),
});
