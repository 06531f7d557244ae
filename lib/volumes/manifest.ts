/**
 * Read and write a snapshot's MANIFEST, and its digest (the snapshot's identity).
 * @module
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InfraError } from "../errors.ts";
import { describeIssues } from "../validate/parse.ts";
import { writeFileAtomic } from "./fsync.ts";
import { MANIFEST_NAME } from "./layout.ts";
import { type Manifest, manifestJson, manifestSchema } from "./manifest-schema.ts";

/**
 * sha256 (hex) of the MANIFEST bytes.
 *
 * @example
 * ```ts
 * const digest = manifestDigest(await readFile(join(dir, "MANIFEST")));
 * ```
 */
export function manifestDigest(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Serialise `manifest` and write it into `dir` atomically and durably (fsync file and dir).
 * Returns its digest.
 *
 * @example
 * ```ts
 * const digest = await writeManifest(tmpDir, manifest);
 * ```
 */
export async function writeManifest(dir: string, manifest: Manifest): Promise<string> {
  const text = JSON.stringify(manifestJson(manifest));
  await writeFileAtomic(join(dir, MANIFEST_NAME), text, { mode: 0o600 });
  return manifestDigest(text);
}

/**
 * Read and validate `dir/MANIFEST`. Throws an {@linkcode InfraError} naming the file and the
 * field when it is missing or damaged.
 *
 * @example
 * ```ts
 * const { manifest, digest } = await readManifest("/var/lib/ci-warm/demo/known-good");
 * ```
 */
export async function readManifest(dir: string): Promise<{ manifest: Manifest; digest: string }> {
  const file = join(dir, MANIFEST_NAME);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new InfraError(`${file}: cannot read MANIFEST (${(cause as NodeJS.ErrnoException).code ?? cause})`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch (cause) {
    throw new InfraError(`${file}: MANIFEST is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const res = manifestSchema.safeParse(raw);
  if (!res.success) throw new InfraError(`${file}: MANIFEST is damaged: ${describeIssues(res.error.issues)}`);
  return { manifest: res.data, digest: manifestDigest(bytes) };
}
