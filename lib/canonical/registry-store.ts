/**
 * Reading and writing `<stateDir>/registry.json`: validated on read (a damaged file is named,
 * with the field), written atomically (temp file, fsync, rename, fsync dir).
 * @module
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InfraError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema } from "../validate/names.ts";
import { writeFileAtomic } from "../volumes/fsync.ts";
import { type Registry, registrySchema } from "./registry-schema.ts";

/**
 * The registry file is unreadable or damaged. `file` and `field` (dotted path, `(root)` for the
 * whole file) say where.
 *
 * @example
 * ```ts
 * try { await readRegistry(dir); } catch (e) { if (e instanceof RegistryError) console.error(e.file, e.field); }
 * ```
 */
export class RegistryError extends InfraError {
  override name = "RegistryError";
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, problem: string, options?: ErrorOptions) {
    super(`${file}: ${field}: ${problem}`, options);
    [this.file, this.field] = [file, field];
  }
}

/**
 * The registry file's path.
 *
 * @example
 * ```ts
 * registryPath("/var/lib/ci-warm"); // "/var/lib/ci-warm/registry.json"
 * ```
 */
export function registryPath(stateDir: string): string {
  return join(parseInput("stateDir", absolutePathSchema, stateDir), "registry.json");
}

/**
 * Read and validate the registry; a missing file is an empty registry.
 *
 * @example
 * ```ts
 * const reg = await readRegistry("/var/lib/ci-warm");
 * console.log(Object.keys(reg.canonicals));
 * ```
 */
export async function readRegistry(stateDir: string): Promise<Registry> {
  const file = registryPath(stateDir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, canonicals: {} };
    throw new RegistryError(file, "(root)", `cannot read (${(cause as NodeJS.ErrnoException).code ?? cause})`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new RegistryError(file, "(root)", `not valid JSON (${(cause as Error).message})`, { cause });
  }
  const res = registrySchema.safeParse(raw);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const field = issue.path.length ? issue.path.map(String).join(".") : "(root)";
    throw new RegistryError(file, field, issue.message);
  }
  return res.data;
}

/**
 * Validate and write the whole registry atomically and durably. Callers hold the app lock.
 *
 * @example
 * ```ts
 * await writeRegistry("/var/lib/ci-warm", { version: 1, canonicals: {} });
 * ```
 */
export async function writeRegistry(stateDir: string, registry: Registry): Promise<void> {
  const file = registryPath(stateDir);
  const valid = parseInput("registry", registrySchema, registry);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`);
}
