import { randomBytes } from "node:crypto";
import { rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config/types.ts";
import { fsyncPath } from "../fs/atomic.ts";
import { historyLayout, rotatedSegmentName, rotatedSegments } from "./layout.ts";

/** Rotation and retention limits (config `history`). */
export type HistoryLimits = Pick<Config["history"], "segmentBytes" | "maxSegments" | "maxAgeDays">;

const gone = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === "ENOENT";

/**
 * Rename the active segment to a rotated name — only while it is still the file `inode` (the one
 * the caller found full): when two writers find it full at once, the second one sees a new active
 * file (or none) and leaves it alone. Returns the rotated path, or undefined if someone else did it.
 *
 * @example
 * ```ts
 * await rotateActiveSegment("/var/lib/ci-warm", (await fh.stat()).ino, new Date());
 * ```
 */
export async function rotateActiveSegment(stateDir: string, inode: number, now: Date): Promise<string | undefined> {
  const { dir, active } = historyLayout(stateDir);
  try {
    if ((await stat(active)).ino !== inode) return undefined;
    const target = join(dir, rotatedSegmentName(now, randomBytes(4).toString("hex")));
    await rename(active, target);
    await fsyncPath(dir);
    return target;
  } catch (e) {
    if (gone(e)) return undefined;
    throw e;
  }
}

/**
 * Delete rotated segments beyond `maxSegments` (newest kept) or last written more than
 * `maxAgeDays` ago. Returns the paths deleted. The active segment is never deleted.
 *
 * @example
 * ```ts
 * await pruneHistory("/var/lib/ci-warm", { segmentBytes: 1 << 20, maxSegments: 32, maxAgeDays: 365 }, new Date());
 * ```
 */
export async function pruneHistory(stateDir: string, limits: HistoryLimits, now: Date): Promise<string[]> {
  const oldest = now.getTime() - limits.maxAgeDays * 86_400_000;
  const deleted: string[] = [];
  for (const [i, path] of (await rotatedSegments(stateDir)).entries()) {
    try {
      if (i < limits.maxSegments && (await stat(path)).mtimeMs >= oldest) continue;
      await unlink(path);
      deleted.push(path);
    } catch (e) {
      if (!gone(e)) throw e;
    }
  }
  return deleted;
}
