import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { historyLayout, rotatedSegments } from "./layout.ts";
import { linesNewestFirst } from "./reverse-lines.ts";
import { historyRecordSchema, type HistoryRecord } from "./schema.ts";

/** A line that is not a valid record (reported, skipped). */
export interface BadHistoryLine {
  segment: string;
  /** Byte offset of the line in its segment. */
  offset: number;
  problem: string;
}

/** Options for {@linkcode readHistory}. */
export interface ReadHistoryOptions {
  /** Called for each line that is not valid JSON or fails the schema (the line is skipped). */
  onBadLine?: (bad: BadHistoryLine) => void;
  signal?: AbortSignal;
}

async function openIfPresent(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function parseLine(text: string): HistoryRecord | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message.slice(0, 80)})`;
  }
  const parsed = historyRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(record)"}: ${i.message}`).join("; ");
}

/**
 * Every history record, newest first: the active segment from its end, then the rotated segments
 * newest first — streamed (one 64 KiB chunk at a time), never read whole. Every line goes through
 * the schema; a bad line (torn by a crash, edited by hand, a newer format) is reported through
 * `onBadLine` and skipped. The active segment is opened first and a rotated segment that is the
 * same file (rotated meanwhile) is not read twice. Stop early by breaking out of the loop.
 *
 * @example
 * ```ts
 * for await (const r of readHistory("/var/lib/ci-warm", { onBadLine: (b) => console.warn(b.problem) })) {
 *   if (r.graph === "quick") console.log(r.recipe, r.verdict);
 * }
 * ```
 */
export async function* readHistory(stateDir: string, options: ReadHistoryOptions = {}): AsyncGenerator<HistoryRecord> {
  const first = historyLayout(stateDir).active;
  const active = await openIfPresent(first);
  const activeIno = active ? (await active.stat()).ino : undefined;
  const segments: [string, FileHandle | undefined][] = [[first, active], ...(await rotatedSegments(stateDir)).map((p): [string, undefined] => [p, undefined])];
  for (const [i, [segment, opened]] of segments.entries()) {
    const fh = i === 0 ? opened : await openIfPresent(segment);
    if (!fh) continue;
    try {
      if (i > 0 && (await fh.stat()).ino === activeIno) continue;
      for await (const line of linesNewestFirst(fh, { signal: options.signal })) {
        const r = line.tooLong ? "line longer than 64 KiB" : parseLine(line.text);
        if (typeof r === "string") options.onBadLine?.({ segment, offset: line.offset, problem: r });
        else yield r;
      }
    } finally {
      await fh.close();
    }
  }
}
