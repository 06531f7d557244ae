/**
 * What "latest" means for promotion: the recipe's highest release tag (a version-like tag such
 * as `v2`, `1.3.0` or `1.2.0+4.5.6`), or, for a recipe with no release tag yet, its checked-out
 * default branch. Only runs on latest may advance a canonical.
 * @module
 */
import { runCommand, runCommandOrThrow } from "../../lib/exec/command.ts";

/** The recipe's latest release as promotion sees it. */
export interface LatestRelease {
  /** The release tag, or undefined when the recipe has none (then: the default branch). */
  tag: string | undefined;
  /** The ref to deploy: the tag, else the default branch name (or `HEAD`). */
  ref: string;
  /** The full commit hash it resolves to. */
  commit: string;
}

const RELEASE_TAG = /^v?(\d+(?:\.\d+)*)(?:[-+].*)?$/;

/**
 * Compare two release tags by their numeric version parts (`1.10.0` > `1.2.0`, `v2` > `1.10.0`): negative when
 * `a` is older. Non-numeric suffixes (`+4.5.6` upstream versions) break ties lexically.
 *
 * @example
 * ```ts
 * ["1.2.0", "1.10.0", "v2"].sort(compareReleaseTags); // ["1.2.0", "1.10.0", "v2"]
 * ```
 */
export function compareReleaseTags(a: string, b: string): number {
  const pa = RELEASE_TAG.exec(a)?.[1]?.split(".").map(Number) ?? [];
  const pb = RELEASE_TAG.exec(b)?.[1]?.split(".").map(Number) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The highest release tag among `tags` (names that are not versions, e.g. `broken`, are ignored).
 *
 * @example
 * ```ts
 * latestReleaseTag(["v1", "v2", "broken"]); // "v2"
 * ```
 */
export function latestReleaseTag(tags: readonly string[]): string | undefined {
  return tags.filter((t) => RELEASE_TAG.test(t)).sort(compareReleaseTags).at(-1);
}

/**
 * Read the recipe repository's latest release (see the module doc).
 *
 * @example
 * ```ts
 * const latest = await resolveLatest("/srv/recipes/demo"); // { tag: "v2", ref: "v2", commit: "…" }
 * ```
 */
export async function resolveLatest(recipeDir: string, options: { signal?: AbortSignal } = {}): Promise<LatestRelease> {
  const { signal } = options;
  const tags = (await runCommandOrThrow("git", ["-C", recipeDir, "tag", "--list"], { signal })).stdout.split("\n").filter(Boolean);
  const tag = latestReleaseTag(tags);
  if (tag) return { tag, ref: tag, commit: await resolveCommit(recipeDir, `refs/tags/${tag}`, { signal }) as string };
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
