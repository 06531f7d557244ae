import { mkdir, open } from "node:fs/promises";
import { InfraError } from "../errors.ts";
import { historyLine, MAX_RECORD_BYTES } from "./from-result.ts";
import { historyLayout } from "./layout.ts";
import { pruneHistory, rotateActiveSegment, type HistoryLimits } from "./rotate.ts";
import type { HistoryRecord } from "./schema.ts";

/** What {@linkcode appendHistory} did. */
export interface AppendOutcome {
  /** The segment the line went to. */
  segment: string;
  /** The segment rotated out before this append, if any. */
  rotated?: string | undefined;
  /** Rotated segments deleted by retention. */
  deleted: string[];
}

/**
 * Append one record as one line to `<stateDir>/history/current.jsonl`.
 *
 * Why this is safe with concurrent writers and crashes: the file is opened `O_APPEND` and the line
 * (at most {@linkcode MAX_RECORD_BYTES}, PIPE_BUF) goes out in ONE write(2), so the kernel places it
 * at the end as a whole — two runs appending at once never interleave (local filesystems; not NFS,
 * where O_APPEND is emulated). A crash mid-write can leave a torn last line: the next append sees
 * that the file does not end in a newline and starts its line on a fresh one, so only the torn
 * record is lost (readers report and skip it). Write-temp-and-rename would need the whole segment
 * rewritten per record and a lock against lost updates; appends need neither.
 *
 * Rotation: when the line would take the segment past `segmentBytes`, the segment is renamed to
 * a time-stamped one first (see `rotateActiveSegment`), then retention runs.
 *
 * @example
 * ```ts
 * await appendHistory("/var/lib/ci-warm", record, { limits: config.history });
 * ```
 */
export async function appendHistory(stateDir: string, record: HistoryRecord, options: { limits: HistoryLimits; now?: Date }): Promise<AppendOutcome> {
  const now = options.now ?? new Date();
  const line = historyLine(record);
  if (line.length > MAX_RECORD_BYTES) throw new RangeError(`history record is ${line.length} bytes; at most ${MAX_RECORD_BYTES}`);
  const { dir, active } = historyLayout(stateDir);
  await mkdir(dir, { recursive: true });
  let fh = await open(active, "a+", 0o644);
  let rotated: string | undefined;
  try {
    let size = (await fh.stat()).size;
    if (size > 0 && size + line.length > options.limits.segmentBytes) {
      rotated = await rotateActiveSegment(stateDir, (await fh.stat()).ino, now);
      await fh.close();
      fh = await open(active, "a+", 0o644);
      size = (await fh.stat()).size;
    }
    let out = line;
    if (size > 0) {
      const last = new Uint8Array(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) out = new Uint8Array([0x0a, ...line]);
    }
    const { bytesWritten } = await fh.write(out);
    if (bytesWritten !== out.length) throw new InfraError(`history: short write to ${active} (${bytesWritten} of ${out.length} bytes; disk full?)`);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  const deleted = rotated ? await pruneHistory(stateDir, options.limits, now) : [];
  return { segment: active, rotated, deleted };
}
