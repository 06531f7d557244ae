import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { parseInput } from "../validate/parse.ts";
import { gitRefSchema } from "../validate/names.ts";

/** A private checkout of a recipe at one commit; `dispose` deletes it. */
export interface RecipeCheckout {
  dir: string;
  /** The full commit hash the ref resolved to. */
  commit: string;
  dispose(): Promise<void>;
}

/**
 * Check out `ref` of the recipe repository into a fresh directory, never touching the shared
 * checkout (concurrent runs): the ref is resolved read-only, then a `--shared` clone (objects
 * borrowed via alternates, so it is cheap) is checked out detached at that commit.
 *
 * @example
 * ```ts
 * const co = await checkoutRecipe("/srv/recipes/demo", "v2");
 * try { console.log(co.dir, co.commit); } finally { await co.dispose(); }
 * ```
 */
export async function checkoutRecipe(recipeDir: string, ref: string, options: { workDir?: string; signal?: AbortSignal } = {}): Promise<RecipeCheckout> {
  parseInput("ref", gitRefSchema, ref);
  const { signal } = options;
  const resolved = await runCommand("git", ["-C", recipeDir, "rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { signal });
  if (resolved.failed) throw new InputError("ref", `${ref} is not a commit in ${recipeDir}${resolved.stderr ? `: ${resolved.stderr}` : ""}`);
  const commit = resolved.stdout.trim();
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), "ccw-recipe-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await runCommandOrThrow("git", ["clone", "--quiet", "--shared", "--no-checkout", "--", recipeDir, dir], { signal });
    await runCommandOrThrow("git", ["-C", dir, "checkout", "--quiet", "--detach", commit], { signal });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { dir, commit, dispose };
}
