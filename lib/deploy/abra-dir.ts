import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { mkdir, readdir, rm, stat, symlink, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { InfraError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/mod.ts";

/**
 * The shared abra dir when none is configured: abra's own default, `~/.abra`.
 *
 * @example
 * ```ts
 * defaultSharedAbraDir(); // "/home/ci/.abra"
 * ```
 */
export function defaultSharedAbraDir(): string {
  return join(homedir(), ".abra");
}

async function linkTo(link: string, target: string): Promise<void> {
  const present = lstatSync(link, { throwIfNoEntry: false });
  if (present?.isSymbolicLink() && resolve(readlinkSync(link)) === resolve(target)) return;
  if (present?.isSymbolicLink()) await unlink(link);
  else if (present) throw new InfraError(`${link} exists and is not a symlink to ${target}: remove it (a per-run ABRA_DIR links servers/ and catalogue/ to the shared ones)`);
  await symlink(resolve(target), link);
}

/**
 * Lay out a per-run `ABRA_DIR` as cc-ci does: `servers/` and `catalogue/` are symlinks to the
 * shared abra dir's (app env files and the catalogue are shared; abra follows symlinks there),
 * `recipes/` is emptied, so this run's recipe checkouts are its own (two runs sharing one
 * `recipes/<recipe>` working tree corrupted each other in production). The shared server entry
 * must exist (`abra server add --local` makes `servers/default` for the local daemon); a shared
 * catalogue is linked when present (offline runs never fetch one).
 *
 * @example
 * ```ts
 * await prepareAbraDir("/var/lib/ci-warm/abra/run-1", { sharedAbraDir: "/root/.abra", server: "default" });
 * ```
 */
export async function prepareAbraDir(abraDir: string, options: { sharedAbraDir: string; server: string }): Promise<void> {
  const shared = options.sharedAbraDir;
  if (!existsSync(join(shared, "servers", options.server))) {
    throw new InfraError(`abra server "${options.server}" is not set up in ${shared}/servers: add it there first (for the local daemon: ABRA_DIR=${shared} abra server add --local)`);
  }
  if (resolve(abraDir) === resolve(shared)) throw new InfraError(`the per-run ABRA_DIR must not be the shared abra dir ${shared}`);
  await mkdir(abraDir, { recursive: true });
  await linkTo(join(abraDir, "servers"), join(shared, "servers"));
  if (existsSync(join(shared, "catalogue"))) await linkTo(join(abraDir, "catalogue"), join(shared, "catalogue"));
  await rm(join(abraDir, "recipes"), { recursive: true, force: true });
  await mkdir(join(abraDir, "recipes"));
}

/**
 * Clone the recipe from its local source repository into the per-run `recipes/<recipe>` (offline:
 * no network; a plain local clone, which abra's git library reads like any other checkout).
 * Returns the checkout's path.
 *
 * @example
 * ```ts
 * const dir = await cloneRecipe("/var/lib/ci-warm/abra/run-1", "demo", "/srv/recipes/demo");
 * ```
 */
export async function cloneRecipe(abraDir: string, recipe: string, source: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const dir = join(abraDir, "recipes", recipe);
  await rm(dir, { recursive: true, force: true });
  await runCommandOrThrow("git", ["clone", "--quiet", "--", source, dir], options);
  return dir;
}

/**
 * Where a recipe's source repository is: the configured `source`, else, for abra, the shared
 * abra dir's `recipes/<name>` (read only: each run clones it into its own ABRA_DIR); undefined
 * for docker-stack without a source.
 *
 * @example
 * ```ts
 * recipeSource(undefined, "demo", { kind: "abra" }); // "/root/.abra/recipes/demo"
 * ```
 */
export function recipeSource(source: string | undefined, name: string, deployer: { kind: string; abraDir?: string | undefined }): string | undefined {
  return source ?? (deployer.kind === "abra" ? join(deployer.abraDir ?? defaultSharedAbraDir(), "recipes", name) : undefined);
}

/** Per-run ABRA_DIRs untouched for this long belong to finished runs (runs are bounded by hours). */
export const STALE_ABRA_DIR_MS: number = 48 * 3_600_000;

/**
 * Remove the per-run ABRA_DIRs beside `abraDir` that no run touched for `maxAgeMs` (their
 * recipe clones would otherwise pile up). `rm` never follows the `servers/` and `catalogue/`
 * symlinks: the shared abra dir is not touched. Returns the names removed.
 *
 * @example
 * ```ts
 * await reapStaleAbraDirs("/var/lib/ci-warm/abra/run-9"); // ["run-1", …]
 * ```
 */
export async function reapStaleAbraDirs(abraDir: string, options: { maxAgeMs?: number; now?: number } = {}): Promise<string[]> {
  const parent = dirname(resolve(abraDir));
  const cutoff = (options.now ?? Date.now()) - (options.maxAgeMs ?? STALE_ABRA_DIR_MS);
  const removed: string[] = [];
  for (const entry of await readdir(parent, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || entry.name === basename(resolve(abraDir))) continue;
    const dir = join(parent, entry.name);
    if ((await stat(dir)).mtimeMs >= cutoff) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}
