/**
 * Observed state of the canonicals in `<stateDir>/registry.json`: look up, update
 * (read-modify-write under a short registry lock, atomic write), mark dirty/clean, count quick runs.
 * @module
 */
import { InputError } from "../errors.ts";
import { describeIssues, parseInput } from "../validate/parse.ts";
import { recipeNameSchema } from "../validate/names.ts";
import { acquireLock } from "../lock/acquire.ts";
import { type CanonicalEntry, canonicalEntrySchema } from "./registry-schema.ts";
import { readRegistry, writeRegistry } from "./registry-store.ts";

/**
 * The lock around the registry's read-modify-write: the per-recipe lock does not cover it (two
 * recipes' runs may update `registry.json` at once). It is the one lock module's FIFO queue, so a
 * dead writer's ticket is skipped and two waiters can never both hold it. Recipe names cannot
 * contain a dot, so this name never meets a recipe's lock.
 */
const REGISTRY_LOCK = "registry.json";

async function withRegistryLock<T>(stateDir: string, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(stateDir, REGISTRY_LOCK, { purpose: "registry update", timeoutMs: 30_000, pollMs: 10 });
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Fields an update may set (`recipe` comes from the argument). */
export type CanonicalPatch = Partial<Omit<CanonicalEntry, "recipe">>;

/**
 * The canonical of `recipe`, or `undefined` when it has none (→ the quick lane falls back to cold).
 *
 * @example
 * ```ts
 * const c = await getCanonical("/var/lib/ci-warm", "demo");
 * if (c?.dirty) await restoreSnapshot(volumes, { stateDir, recipe: "demo" });
 * ```
 */
export async function getCanonical(stateDir: string, recipe: string): Promise<CanonicalEntry | undefined> {
  const name = parseInput("recipe", recipeNameSchema, recipe);
  return (await readRegistry(stateDir)).canonicals[name];
}

/**
 * Read-modify-write one canonical. `patch` is merged into the current entry, or a function maps
 * the current entry (or `undefined`) to the new one (`undefined` removes it). A new entry needs
 * `knownGoodCommit`, `manifestDigest` and `promotedAt`; `dirty` defaults to false and
 * `quickRuns` to 0. The result is validated before anything is written.
 *
 * @example
 * ```ts
 * await updateCanonical(stateDir, "demo", { knownGoodCommit: "3f2a1b0", manifestDigest: digest,
 *   promotedAt: new Date().toISOString(), dirty: false, quickRuns: 0 });
 * ```
 */
export async function updateCanonical(
  stateDir: string,
  recipe: string,
  patch: CanonicalPatch | ((current: CanonicalEntry | undefined) => CanonicalEntry | undefined),
): Promise<CanonicalEntry | undefined> {
  const name = parseInput("recipe", recipeNameSchema, recipe);
  return withRegistryLock(stateDir, async () => {
    const reg = await readRegistry(stateDir);
    const current = reg.canonicals[name];
    const next = typeof patch === "function" ? patch(current) : { dirty: false, quickRuns: 0, ...current, ...patch, recipe: name };
    if (next === undefined) {
      if (current === undefined) return undefined;
      delete reg.canonicals[name];
    } else {
      const res = canonicalEntrySchema.safeParse(next);
      if (!res.success) throw new InputError(`canonical ${name}`, describeIssues(res.error.issues));
      if (res.data.recipe !== name) throw new InputError(`canonical ${name}`, `recipe: must be ${name}`);
      reg.canonicals[name] = res.data;
    }
    await writeRegistry(stateDir, reg);
    return next === undefined ? undefined : reg.canonicals[name];
  });
}

/**
 * The canonical's volumes may now differ from known-good (set before a quick run touches them).
 *
 * @example
 * ```ts
 * await markDirty("/var/lib/ci-warm", "demo");
 * ```
 */
export async function markDirty(stateDir: string, recipe: string, options: { at?: Date } = {}): Promise<CanonicalEntry> {
  return mustExist(recipe, await updateCanonical(stateDir, recipe, (c) => c && { ...c, dirty: true, dirtySince: c.dirty ? c.dirtySince : (options.at ?? new Date()).toISOString() }));
}

/**
 * The canonical's volumes equal known-good again (after a verified restore or a promotion).
 *
 * @example
 * ```ts
 * await markClean("/var/lib/ci-warm", "demo");
 * ```
 */
export async function markClean(stateDir: string, recipe: string): Promise<CanonicalEntry> {
  return mustExist(recipe, await updateCanonical(stateDir, recipe, (c) => c && { ...c, dirty: false, dirtySince: undefined }));
}

/**
 * Count a quick run against the canonical (never moves the known-good).
 *
 * @example
 * ```ts
 * await recordQuickRun("/var/lib/ci-warm", "demo", { verdict: "pass" });
 * ```
 */
export async function recordQuickRun(stateDir: string, recipe: string, options: { verdict: "pass" | "fail"; at?: Date }): Promise<CanonicalEntry> {
  const at = (options.at ?? new Date()).toISOString();
  return mustExist(recipe, await updateCanonical(stateDir, recipe, (c) => c && { ...c, quickRuns: c.quickRuns + 1, lastQuickAt: at, lastQuickVerdict: options.verdict }));
}

function mustExist(recipe: string, entry: CanonicalEntry | undefined): CanonicalEntry {
  if (!entry) throw new InputError("recipe", `${recipe} has no canonical in the registry`);
  return entry;
}
