/**
 * The last-good record of a live-warm infrastructure app: `<stateDir>/infra/<app>.json`,
 * written atomically, validated when read.
 * @module
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InfraError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema, recipeNameSchema } from "../validate/names.ts";
import { writeFileAtomic } from "../volumes/fsync.ts";

/** What is known to have run healthy last. */
export interface LastGoodRecord {
  /** The infra app (a key of config `infra`). */
  app: string;
  /** The release tag, e.g. `1.1.0+26.5.6`. */
  version: string;
  /** The recipe commit the tag pointed to. */
  commit: string;
  /** Its stable domain. */
  domain: string;
  /** Its docker stack. */
  stack: string;
  /** ISO time it was recorded. */
  recordedAt: string;
  /** Digest of the snapshot taken before the last upgrade attempt, if any. */
  snapshotDigest?: string | undefined;
}

/** Schema of {@linkcode LastGoodRecord}. */
export const lastGoodSchema: z.ZodType<LastGoodRecord> = z.object({
  app: z.string().min(1),
  version: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/),
  domain: z.string().min(1),
  stack: z.string().min(1),
  recordedAt: z.string().min(1),
  snapshotDigest: z.string().optional(),
});

/**
 * `<stateDir>/infra/<app>.json`.
 *
 * @example
 * ```ts
 * lastGoodPath("/var/lib/ci-warm", "keycloak"); // "/var/lib/ci-warm/infra/keycloak.json"
 * ```
 */
export function lastGoodPath(stateDir: string, app: string): string {
  return join(parseInput("stateDir", absolutePathSchema, stateDir), "infra", `${parseInput("app", recipeNameSchema, app)}.json`);
}

/**
 * Read the record; `undefined` when there is none yet. A damaged file is an `InfraError` naming
 * the file and the field.
 *
 * @example
 * ```ts
 * const lastGood = await readLastGood(stateDir, "keycloak");
 * ```
 */
export async function readLastGood(stateDir: string, app: string): Promise<LastGoodRecord | undefined> {
  const path = lastGoodPath(stateDir, app);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InfraError(`cannot read ${path}`, { cause: e });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InfraError(`${path}: not JSON`, { cause });
  }
  const res = lastGoodSchema.safeParse(raw);
  if (!res.success) {
    const i = res.error.issues[0]!;
    throw new InfraError(`${path}: ${i.path.join(".") || "record"}: ${i.message}`);
  }
  return res.data;
}

/**
 * Replace the record atomically and durably (readers see the old or the new one, never half).
 *
 * @example
 * ```ts
 * await writeLastGood(stateDir, { app: "keycloak", version: "1.1.0+26.5.6", commit, domain, stack, recordedAt: new Date().toISOString() });
 * ```
 */
export async function writeLastGood(stateDir: string, record: LastGoodRecord): Promise<LastGoodRecord> {
  const valid = lastGoodSchema.parse(record);
  const path = lastGoodPath(stateDir, valid.app);
  await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, JSON.stringify(valid, null, 2) + "\n");
  return valid;
}
