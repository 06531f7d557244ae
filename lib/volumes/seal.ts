/**
 * The seal of a known-good: `known-good/SEALED` records when its files were last changed by
 * cc-warm itself — after the commit *and* after the previous copy was dropped (unlinking files
 * shared by hard link moves their ctime). Any file of the store whose ctime is later was changed
 * by something else since, so the next snapshot copies it afresh instead of linking it. No seal
 * (a crash before it, or a recovered older copy) means nothing is trusted: a full copy.
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "./fsync.ts";

/** The seal's file name inside `known-good`. */
export const SEAL_NAME = "SEALED";

const sealSchema = z.object({ format: z.literal(1), manifestDigest: z.string().regex(/^[0-9a-f]{64}$/), sealedAtNs: z.string().regex(/^\d+$/) });

/**
 * Write the seal of the known-good at `dir` (whose MANIFEST has `manifestDigest`) as of now.
 *
 * @example
 * ```ts
 * await writeSeal("/var/lib/ci-warm/demo/known-good", digest);
 * ```
 */
export async function writeSeal(dir: string, manifestDigest: string): Promise<void> {
  const sealedAtNs = (BigInt(Date.now()) * 1_000_000n).toString();
  await writeFileAtomic(join(dir, SEAL_NAME), JSON.stringify({ format: 1, manifestDigest, sealedAtNs }), { mode: 0o600 });
}

/**
 * The seal time (ns) of the known-good at `dir` if its seal belongs to the MANIFEST with
 * `manifestDigest`; undefined when missing, damaged or stale (then nothing is trusted).
 *
 * @example
 * ```ts
 * const sealedAtNs = await readSeal(knownGood, digest);
 * ```
 */
export async function readSeal(dir: string, manifestDigest: string): Promise<bigint | undefined> {
  const text = await readFile(join(dir, SEAL_NAME), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const res = sealSchema.safeParse(raw);
  return res.success && res.data.manifestDigest === manifestDigest ? BigInt(res.data.sealedAtNs) : undefined;
}
