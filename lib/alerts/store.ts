import { writeFileAtomic } from "../fs/atomic.ts";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";
import type { AlertRecord } from "./types.ts";

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

/** Read one record; `undefined` when it does not exist. */
export async function readAlertRecord(dir: string, id: string): Promise<AlertRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, `${id}.json`), "utf8")) as AlertRecord;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
