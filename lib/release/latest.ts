/**
 * A recipe repository's releases and its latest one, read with git and ordered by
 * {@linkcode compareReleases} — the only place cc-warm answers "what is latest".
 * @module
 */
import { runCommand, runCommandOrThrow } from "../exec/command.ts";
import { type Release, type ReleaseFilter, sortReleases } from "./order.ts";

/** The recipe's latest release as promotion and the sweep see it. */
export interface LatestRelease {
  /** The release tag, or undefined when the recipe has none (then: the default branch). */
  tag: string | undefined;
  /** The ref to deploy: the tag, else the default branch name (or `HEAD`). */
  ref: string;
  /** The full commit hash it resolves to. */
  commit: string;
}

/**
 * The release tags of a recipe repository, ascending (`git tag --list`); other tags, and
 * pre-releases unless `allowPrereleases`, are ignored.
 *
 * @example
 * ```ts
 * const latest = (await listReleases("/srv/recipes/keycloak")).at(-1);
 * ```
 */
export async function listReleases(recipeDir: string, options: ReleaseFilter & { signal?: AbortSignal } = {}): Promise<Release[]> {
  const { stdout } = await runCommandOrThrow("git", ["-C", recipeDir, "tag", "--list"], { signal: options.signal, timeoutMs: 60_000 });
  return sortReleases(stdout.split("\n").filter(Boolean), options);
}

/**
 * The recipe's latest release: its highest release tag, or, for a recipe with no release tag
 * yet, its checked-out default branch.
 *
 * @example
 * ```ts
 * const latest = await resolveLatest("/srv/recipes/demo"); // { tag: "v2", ref: "v2", commit: "…" }
 * ```
 */
export async function resolveLatest(recipeDir: string, options: ReleaseFilter & { signal?: AbortSignal } = {}): Promise<LatestRelease> {
  const { signal } = options;
  const tag = (await listReleases(recipeDir, options)).at(-1)?.tag;
  if (tag) return { tag, ref: tag, commit: (await resolveCommit(recipeDir, `refs/tags/${tag}`, { signal }))! };
  const branch = await runCommand("git", ["-C", recipeDir, "symbolic-ref", "-q", "--short", "HEAD"], { signal });
  const ref = branch.failed || !branch.stdout.trim() ? "HEAD" : branch.stdout.trim();
  return { tag: undefined, ref, commit: (await resolveCommit(recipeDir, "HEAD", { signal }))! };
}

/**
 * The commit a ref names in the recipe repository, or undefined when it names none.
 *
 * @example
 * ```ts
 * await resolveCommit("/srv/recipes/demo", "v2");
 * ```
 */
export async function resolveCommit(recipeDir: string, ref: string, options: { signal?: AbortSignal } = {}): Promise<string | undefined> {
  const res = await runCommand("git", ["-C", recipeDir, "rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { signal: options.signal });
  return res.failed ? undefined : res.stdout.trim() || undefined;
}
