import { writeFileAtomic } from "../fs/atomic.ts";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";
import { InfraError } from "../errors.ts";
import { describeIssues } from "../validate/parse.ts";
import type { AlertRecord } from "./types.ts";

const optionalString = z.string().optional();

/** A stored alert as read back from `<stateDir>/alerts/<id>.json`. */
export const alertRecordSchema: z.ZodType<AlertRecord> = z.object({
  id: z.string(),
  time: z.string(),
  what: z.string(),
  why: z.string(),
  notes: optionalString,
  app: optionalString,
  acknowledged: z.boolean(),
  acknowledgedAt: optionalString,
  acknowledgedBy: optionalString,
  notify: z.object({ command: z.string(), ok: z.boolean(), exitCode: z.number().int().optional(), error: optionalString }).optional(),
});

/**
 * An alert id as made by `raiseAlert`: `20250101T000000.000Z-0a1b2c3d4e5f`.
 *
 * @example
 * ```ts
 * alertIdSchema.parse("20250101T000000.000Z-0a1b2c3d4e5f");
 * ```
 */
export const alertIdSchema: z.ZodType<string> = z.string().regex(/^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{12}$/, "must be an alert id like 20250101T000000.000Z-0a1b2c3d4e5f");

/** `<stateDir>/alerts`, after validating stateDir. */
export function alertsDir(stateDir: string): string {
  parseInput("stateDir", absolutePathSchema, stateDir);
  return join(stateDir, "alerts");
}

/** A new id sorting by time. */
export function newAlertId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, "")}-${randomBytes(6).toString("hex")}`;
}

/** Write the record atomically: temp file, fsync, rename, fsync the directory. */
export async function writeAlertRecord(dir: string, record: AlertRecord): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, `${record.id}.json`), JSON.stringify(record, null, 2) + "\n");
}

/** Read one record; `undefined` when it does not exist; an InfraError naming the file when it is not a record. */
export async function readAlertRecord(dir: string, id: string): Promise<AlertRecord | undefined> {
  const file = join(dir, `${id}.json`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InfraError(`${file} is not valid JSON; move it aside to clear it`, { cause });
  }
  const parsed = alertRecordSchema.safeParse(json);
  if (!parsed.success) throw new InfraError(`${file} is not an alert record (${describeIssues(parsed.error.issues)}); move it aside to clear it`);
  return parsed.data;
}
