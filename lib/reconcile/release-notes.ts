/**
 * Release notes of a recipe (`release/<version>` as Co-op Cloud recipes keep them) and the
 * marker that flags a manual migration.
 * @module
 */
import { runCommand } from "../exec/command.ts";

/**
 * A note flags a manual migration when it has a line that is exactly `manual-migration: true`
 * (case-insensitive, surrounding whitespace ignored).
 *
 * @example
 * ```ts
 * MANUAL_MIGRATION_RE.test("Drops a flag.\n\nmanual-migration: true\n"); // true
 * ```
 */
export const MANUAL_MIGRATION_RE: RegExp = /^\s*manual-migration:\s*true\s*$/im;

/** One release's note. */
export interface ReleaseNote {
  /** The release tag. */
  version: string;
  /** The note's text; undefined when the release has no note. */
  text: string | undefined;
  /** The note has a `manual-migration: true` line. */
  manualMigration: boolean;
}

/**
 * Read `release/<version>` as committed at the release's own tag (`git show <tag>:release/<tag>`).
 * A missing note is not an error (`text` undefined, no migration flagged).
 *
 * @example
 * ```ts
 * const note = await readReleaseNote("/srv/recipes/keycloak", "1.3.0+26.5.6");
 * if (note.manualMigration) hold();
 * ```
 */
export async function readReleaseNote(recipeDir: string, version: string, options: { signal?: AbortSignal } = {}): Promise<ReleaseNote> {
  const res = await runCommand("git", ["-C", recipeDir, "show", `refs/tags/${version}:release/${version}`], { signal: options.signal, timeoutMs: 60_000 });
  if (res.isCanceled && options.signal?.aborted) throw options.signal.reason;
  const text = res.failed ? undefined : res.stdout;
  return { version, text, manualMigration: text !== undefined && MANUAL_MIGRATION_RE.test(text) };
}
