/**
 * The one release ordering of cc-warm (promote, reconcile and the sweep all ask it). Co-op Cloud
 * tags a recipe release `<recipe semver>+<upstream version>` (`0.3.1+1.2.0`, `1.0.0+26.5.6`);
 * release candidates carry a pre-release (`0.4.0-rc1+1.2.0`) and are not releases unless the
 * recipe opts in. Short tags (`v2`, `1.3`) count as `2.0.0`, `1.3.0`. Ordering is the `semver`
 * package's (pre-releases below their release), then the upstream version.
 * @module
 */
// @ts-types="@types/semver"
import semver from "semver";

/** One release tag, parsed. */
export interface Release {
  /** The tag as written, e.g. `1.2.0+26.5.6`. */
  tag: string;
  /** The recipe's semver without build metadata, e.g. `1.2.0` or `0.4.0-rc1`. */
  version: string;
  /** Major, minor, patch, e.g. `[1, 2, 0]`. */
  semver: [number, number, number];
  /** True for a pre-release (`-rc1`, `-beta.2`). */
  prerelease: boolean;
  /** What follows `+` (the upstream version), e.g. `26.5.6`; empty when the tag has none. */
  upstream: string;
}

/** Which tags count as releases. */
export interface ReleaseFilter {
  /** Count pre-releases (`0.4.0-rc1+1.2.0`) as releases (config `recipes.<r>.allowPrereleases`). Default false. */
  allowPrereleases?: boolean | undefined;
}

const SHORT = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:-[0-9A-Za-z.-]+)?)(?:\+([0-9A-Za-z.-]+))?$/;

/**
 * Parse a release tag; `undefined` for a tag that is not a version (`broken`, `main`).
 *
 * @example
 * ```ts
 * parseRelease("0.4.0-rc1+1.2.0"); // { tag, version: "0.4.0-rc1", semver: [0, 4, 0], prerelease: true, upstream: "1.2.0" }
 * ```
 */
export function parseRelease(tag: string): Release | undefined {
  const t = tag.trim();
  const m = SHORT.exec(t);
  if (!m) return undefined;
  const parsed = semver.parse(`${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4]}`);
  if (!parsed) return undefined;
  return { tag: t, version: parsed.version, semver: [parsed.major, parsed.minor, parsed.patch], prerelease: parsed.prerelease.length > 0, upstream: m[5] ?? "" };
}

/**
 * Order two releases: by recipe semver (a pre-release below its release), then by upstream
 * version (numeric parts compared as numbers), then by tag. Negative when `a` is older.
 *
 * @example
 * ```ts
 * releases.sort(compareReleases); // ascending
 * ```
 */
export function compareReleases(a: Release, b: Release): number {
  return semver.compare(a.version, b.version) || a.upstream.localeCompare(b.upstream, "en", { numeric: true }) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

/**
 * The releases among `tags`, ascending; non-version tags are ignored, and pre-releases too
 * unless `allowPrereleases`.
 *
 * @example
 * ```ts
 * sortReleases(["0.3.1+1.2.0", "0.4.0-rc1+1.2.0", "broken"]).map((r) => r.tag); // ["0.3.1+1.2.0"]
 * ```
 */
export function sortReleases(tags: readonly string[], filter: ReleaseFilter = {}): Release[] {
  return tags.map(parseRelease).filter((r): r is Release => r !== undefined && (!r.prerelease || filter.allowPrereleases === true)).sort(compareReleases);
}

/**
 * The latest release among `tags` (see {@linkcode sortReleases}), or undefined.
 *
 * @example
 * ```ts
 * latestRelease(["v1", "v2", "broken"])?.tag; // "v2"
 * ```
 */
export function latestRelease(tags: readonly string[], filter: ReleaseFilter = {}): Release | undefined {
  return sortReleases(tags, filter).at(-1);
}
