/**
 * The MANIFEST of a snapshot: per volume, per entry, what a faithful copy must match.
 *
 * Format 2 (written since names became bytes): every name-like field (`path`, `target`,
 * `hardlinkOf`) is a JSON string when the name is valid UTF-8 and `{ "base64": "…" }` (the exact
 * bytes) when it is not; in memory both are one string (see lib/volumes/names.ts). Format 1
 * MANIFESTs (plain strings only) are still read.
 * @module
 */
import { Buffer } from "node:buffer";
import { z } from "zod";
import { decodeName, encodeName, isPlainName } from "./names.ts";

/** Kinds of filesystem entries a snapshot records. */
export type EntryType = "file" | "dir" | "symlink" | "fifo" | "socket" | "char" | "block";

/** One entry of a volume tree. `path` is relative to the volume root; the root itself is `.`. */
export interface ManifestEntry {
  /** The name's bytes, surrogateescape-decoded (lib/volumes/names.ts). */
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
  /** A symlink's target (bytes, decoded like `path`). */
  target?: string | undefined;
  /** This entry is a hard link of the earlier entry at this path (same inode). */
  hardlinkOf?: string | undefined;
  /**
   * `<inode>:<ctimeNs>` of the source file when it was read. The kernel sets ctime on every
   * write, chmod, chown or utimes and no call sets it back, so a live file with the same stamp
   * has not changed since (a forged mtime cannot fake it). Not compared by verification.
   */
  stamp?: string | undefined;
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
  /** 2 since names are bytes; 1 is still read. */
  format: 1 | 2;
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

/** A name on disk: a UTF-8 string, or the exact bytes in base64 when they are not UTF-8. */
const nameSchema = z.union([z.string(), z.strictObject({ base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) })])
  .transform((v) => (typeof v === "string" ? v : decodeName(Buffer.from(v.base64, "base64"))));

/** How a name is written: as is when plain UTF-8, else `{ base64 }`. */
function nameJson(name: string): string | { base64: string } {
  return isPlainName(name) ? name : { base64: Buffer.from(encodeName(name)).toString("base64") };
}

/**
 * Validates one MANIFEST entry (the JSON form; name fields come out decoded).
 *
 * @example
 * ```ts
 * manifestEntrySchema.parse({ path: { base64: "Y2Fm6Q==" }, type: "file", size: 3, mode: 0o600, uid: 70, gid: 70, mtimeNs: "0" });
 * ```
 */
export const manifestEntrySchema: z.ZodType<ManifestEntry, unknown> = z.object({
  path: nameSchema.refine((p) => p.length > 0, "empty path"),
  type: z.enum(entryTypes),
  size: z.number().int().nonnegative(),
  mode: z.number().int().min(0).max(0o7777),
  uid: z.number().int().nonnegative(),
  gid: z.number().int().nonnegative(),
  mtimeNs: z.string().regex(/^-?\d+$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  target: nameSchema.optional(),
  hardlinkOf: nameSchema.optional(),
  stamp: z.string().regex(/^\d+:-?\d+$/).optional(),
});

/**
 * Validates a MANIFEST file's JSON.
 *
 * @example
 * ```ts
 * const manifest = manifestSchema.parse(JSON.parse(text));
 * ```
 */
export const manifestSchema: z.ZodType<Manifest, unknown> = z.object({
  format: z.union([z.literal(1), z.literal(2)]),
  recipe: z.string().min(1),
  commit: z.string().min(1),
  stackSpecHash: z.string().optional(),
  imageDigests: z.record(z.string(), z.string()),
  createdAt: z.string(),
  volumes: z.array(z.object({ key: z.string().min(1), name: z.string().min(1), mountpoint: z.string(), entries: z.array(manifestEntrySchema) })),
  excluded: z.array(z.string().min(1)).optional(),
});

/**
 * The JSON form of a MANIFEST (what {@linkcode manifestSchema} parses back to `manifest`).
 *
 * @example
 * ```ts
 * const text = JSON.stringify(manifestJson(manifest));
 * ```
 */
export function manifestJson(manifest: Manifest): unknown {
  return {
    ...manifest,
    volumes: manifest.volumes.map((v) => ({
      ...v,
      entries: v.entries.map((e) => ({
        ...e,
        path: nameJson(e.path),
        ...(e.target !== undefined ? { target: nameJson(e.target) } : {}),
        ...(e.hardlinkOf !== undefined ? { hardlinkOf: nameJson(e.hardlinkOf) } : {}),
      })),
    })),
  };
}
