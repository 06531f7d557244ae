/**
 * Recipe releases: git tags `<recipe-semver>+<upstream-version>` (e.g. `1.2.0+26.5.6`), ordered
 * by the recipe's semver; the highest one is the recipe's latest release.
 * @module
 */
import { InputError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/command.ts";

/** One release tag, parsed. */
export interface Release {
  /** The tag as written, e.g. `1.2.0+26.5.6`. */
  tag: string;
  /** The recipe's semver, e.g. `[1, 2, 0]`. */
  semver: [number, number, number];
  /** What follows `+` (the upstream version), e.g. `26.5.6`; empty when the tag has none. */
  upstream: string;
}

const TAG_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:\+([A-Za-z0-9._-]+))?$/;

/**
 * Parse a release tag; `undefined` for any tag that is not `<major>.<minor>.<patch>[+<upstream>]`
 * (pre-releases such as `1.0.0-rc1+26.5.6` are not releases).
 *
 * @example
 * ```ts
 * parseRelease("1.2.0+26.5.6"); // { tag: "1.2.0+26.5.6", semver: [1, 2, 0], upstream: "26.5.6" }
 * ```
 */
export function parseRelease(tag: string): Release | undefined {
  const m = TAG_RE.exec(tag.trim());
  if (!m) return undefined;
  return { tag: tag.trim(), semver: [Number(m[1]), Number(m[2]), Number(m[3])], upstream: m[4] ?? "" };
}

/**
 * Order two releases by the recipe semver, then by the upstream version (numeric parts first).
 *
 * @example
 * ```ts
 * [b, a].sort(compareReleases); // ascending
 * ```
 */
export function compareReleases(a: Release, b: Release): number {
  for (let i = 0; i < 3; i++) if (a.semver[i] !== b.semver[i]) return a.semver[i]! - b.semver[i]!;
  return a.upstream.localeCompare(b.upstream, "en", { numeric: true });
}

/**
 * The release tags of a recipe repository, ascending (`git tag --list`); other tags are ignored.
 *
 * @example
 * ```ts
 * const releases = await listReleases("/srv/recipes/keycloak");
 * const latest = releases.at(-1);
 * ```
 */
export async function listReleases(recipeDir: string, options: { signal?: AbortSignal } = {}): Promise<Release[]> {
  const { stdout } = await runCommandOrThrow("git", ["-C", recipeDir, "tag", "--list"], { signal: options.signal, timeoutMs: 60_000 });
  return stdout.split("\n").map(parseRelease).filter((r): r is Release => r !== undefined).sort(compareReleases);
}

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
  if (!releases.length) throw new InputError("version", "the recipe repository has no release tags (<semver>+<upstream>)");
  if (wanted === undefined) return releases.at(-1)!;
  const hit = releases.find((r) => r.tag === wanted);
  if (!hit) throw new InputError("version", `${wanted} is not a release of the recipe (known: ${releases.map((r) => r.tag).join(", ")})`);
  return hit;
}
