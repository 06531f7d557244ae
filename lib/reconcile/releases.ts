/**
 * Which release a reconcile goes to. The ordering and the listing are lib/release's.
 * @module
 */
import { InputError } from "../errors.ts";
import type { Release } from "../release/order.ts";

/**
 * Pick the release to reconcile to: `wanted` (must be one of the releases) or the latest.
 * Throws an `InputError` (key `version`) naming what exists.
 *
 * @example
 * ```ts
 * pickRelease(releases, undefined); // the latest
 * ```
 */
export function pickRelease(releases: readonly Release[], wanted: string | undefined): Release {
  if (!releases.length) throw new InputError("version", "the recipe repository has no release tags (<semver>+<upstream>; pre-releases count only with allowPrereleases)");
  if (wanted === undefined) return releases.at(-1)!;
  const hit = releases.find((r) => r.tag === wanted);
  if (!hit) throw new InputError("version", `${wanted} is not a release of the recipe (known: ${releases.map((r) => r.tag).join(", ")})`);
  return hit;
}
