/**
 * Crash recovery of a recipe's snapshot area. The rule, deterministic and registry-safe
 * ("garbage unless committed"; the commit point is the rename onto `known-good`):
 * - `known-good` present → every `.tmp-*` and `.old-*` is garbage: remove them.
 * - `known-good` missing → a swap was interrupted between its two renames: undo it by renaming
 *   the newest `.old-*` that has a readable MANIFEST back to `known-good`; then remove the rest.
 *   A complete `.tmp-*` is never promoted here: it was not committed, and the registry does not
 *   reference it.
 * @module
 */
import { lstat, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema, recipeNameSchema } from "../validate/names.ts";
import { fsyncPath } from "./fsync.ts";
import { snapshotIdPid, snapshotLayout } from "./layout.ts";
import { readManifest } from "./manifest.ts";

/** One thing recovery did. */
export interface RecoveryAction {
  recipe: string;
  action: "removed-tmp" | "removed-old" | "restored-old";
  path: string;
}

const exists = (p: string) => lstat(p).then(() => true, () => false);
const isWork = (n: string) => n.startsWith(".tmp-") || n.startsWith(".old-");

function pidAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Finish or undo interrupted snapshot work. With `recipe`, the caller holds that app's lock and
 * everything is recovered; without it, every recipe under `stateDir` is scanned and a recipe
 * whose work directories belong to a live process is left alone. Returns what it did.
 *
 * @example
 * ```ts
 * const actions = await recoverSnapshots("/var/lib/ci-warm", "demo");
 * ```
 */
export async function recoverSnapshots(stateDir: string, recipe?: string): Promise<RecoveryAction[]> {
  if (recipe !== undefined) return recoverRecipe(stateDir, recipe, true);
  const dir = parseInput("stateDir", absolutePathSchema, stateDir);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  const out: RecoveryAction[] = [];
  for (const name of names.sort()) {
    if (!recipeNameSchema.safeParse(name).success || name === "locks") continue;
    if (!(await lstat(join(dir, name))).isDirectory()) continue;
    out.push(...(await recoverRecipe(dir, name, false)));
  }
  return out;
}

async function recoverRecipe(stateDir: string, recipe: string, owned: boolean): Promise<RecoveryAction[]> {
  const { recipeDir, knownGood } = snapshotLayout(stateDir, recipe);
  const names = (await readdir(recipeDir).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)))).filter(isWork);
  if (!names.length) return [];
  if (!owned && names.some((n) => pidAlive(snapshotIdPid(n)))) return [];
  const actions: RecoveryAction[] = [];
  let remaining = names;
  if (!(await exists(knownGood))) {
    // Newest first: ids start with a base-36 timestamp of fixed width.
    for (const old of names.filter((n) => n.startsWith(".old-")).sort().reverse()) {
      const ok = await readManifest(join(recipeDir, old)).then(() => true, () => false);
      if (!ok) continue;
      await rename(join(recipeDir, old), knownGood);
      await fsyncPath(recipeDir);
      actions.push({ recipe, action: "restored-old", path: join(recipeDir, old) });
      remaining = names.filter((n) => n !== old);
      break;
    }
  }
  for (const n of remaining) {
    // Retries: a crashed writer's orphaned `cp` may still be adding files for a moment (it
    // fails as soon as the directory is gone).
    await rm(join(recipeDir, n), { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    actions.push({ recipe, action: n.startsWith(".tmp-") ? "removed-tmp" : "removed-old", path: join(recipeDir, n) });
  }
  await fsyncPath(recipeDir);
  return actions;
}
