import { InputError } from "../errors.ts";
import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { parseRelease } from "../release/order.ts";

/** What `abra app deploy` is given for a ref: a release tag as `[version]`, or `--chaos`. */
export type AbraTarget =
  | { kind: "release"; version: string; commit: string }
  | { kind: "chaos"; commit: string };

/**
 * Decide how abra deploys `ref` and prepare the per-run checkout for it. abra's `[version]`
 * argument is a release tag or a commit hash, never a branch or `refs/pull/*`: a release tag of
 * the checkout is passed as the version (abra checks it out itself); any other ref (branch, PR
 * head, commit) is fetched from the source repository, checked out detached in the per-run
 * checkout and deployed with `--chaos` (deploy the checkout as it is), as cc-ci does.
 *
 * @example
 * ```ts
 * const t = await abraTarget("/run/abra/recipes/demo", "/srv/recipes/demo", "refs/pull/12/head");
 * // { kind: "chaos", commit: "4f1e…" }
 * ```
 */
export async function abraTarget(checkout: string, source: string, ref: string, options: { signal?: AbortSignal; chaos?: boolean } = {}): Promise<AbraTarget> {
  const { signal } = options;
  const commitOf = async (dir: string, name: string) => {
    const res = await runCommand("git", ["-C", dir, "rev-parse", "--verify", "--quiet", "--end-of-options", `${name}^{commit}`], { signal });
    return res.failed ? undefined : res.stdout.trim();
  };
  // abra versions are full `<major>.<minor>.<patch>[+upstream]` tags; short ones (`v2`) go by --chaos.
  const release = parseRelease(ref);
  const tagged = release && release.tag.replace(/^v/, "").startsWith(`${release.semver.join(".")}`) ? await commitOf(checkout, `refs/tags/${ref}`) : undefined;
  if (tagged && !options.chaos) return { kind: "release", version: ref, commit: tagged };
  const commit = tagged ?? (await commitOf(source, ref));
  if (!commit) throw new InputError("ref", `${ref} is not a commit in ${source}`);
  if (!(await commitOf(checkout, commit))) {
    // refs/pull/* (and branches the clone did not bring) come from the source repository by name.
    await runCommandOrThrow("git", ["-C", checkout, "fetch", "--quiet", "--", source, ref], { signal });
  }
  await runCommandOrThrow("git", ["-C", checkout, "checkout", "--quiet", "--detach", commit], { signal });
  return { kind: "chaos", commit };
}
