import { readFile } from "node:fs/promises";
import { z } from "zod";
import { join } from "node:path";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import { canonicalApp } from "../../lib/canonical/app.ts";
import type { Config } from "../../lib/config/types.ts";
import { resolveLatest } from "../../lib/release/latest.ts";
import { type SweepDue, sweepDue } from "./due.ts";

/** Which enrolled recipes a sweep tests, and which wait for a later night. */
export interface SweepSelection {
  run: string[];
  notRun: string[];
}

/**
 * Pick at most `maxTests` enrolled recipes, the stalest first: a recipe's age is the later of its
 * canonical's `promotedAt` and the time the previous sweep tested it (`lastSwept`); never either
 * comes first; ties by name. So a recipe that keeps failing does not starve the others.
 *
 * @example
 * ```ts
 * selectRecipes(["a", "b", "c"], { b: entryB }, 2); // { run: ["a", "c"], notRun: ["b"] }
 * ```
 */
export function selectRecipes(enrolled: readonly string[], canonicals: Readonly<Record<string, CanonicalEntry>>, maxTests: number, lastSwept: Readonly<Record<string, string>> = {}): SweepSelection {
  const key = (r: string) => {
    const promoted = Object.hasOwn(canonicals, r) ? canonicals[r]!.promotedAt : "";
    const swept = Object.hasOwn(lastSwept, r) ? lastSwept[r]! : "";
    return promoted > swept ? promoted : swept;
  };
  const order = [...enrolled].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { run: order.slice(0, maxTests), notRun: order.slice(maxTests) };
}

/**
 * The recipes the previous sweep tested, with that sweep's start time (from `sweeps/latest.json`;
 * empty when there is none or it cannot be read).
 *
 * @example
 * ```ts
 * const lastSwept = await readLastSwept("/var/lib/ci-warm"); // { demo: "2026-01-01T02:00:00.000Z" }
 * ```
 */
export async function readLastSwept(stateDir: string): Promise<Record<string, string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(stateDir, "sweeps", "latest.json"), "utf8"));
  } catch {
    return {};
  }
  const r = lastSweepSchema.safeParse(raw);
  if (!r.success) return {};
  const out: Record<string, string> = {};
  for (const row of r.data.recipes) if (row.verdict !== "not-run") out[row.recipe] = r.data.startedAt;
  return out;
}

/** The part of `sweeps/latest.json` the selection reads back (validated, never cast). */
const lastSweepSchema = z.object({ startedAt: z.string(), recipes: z.array(z.object({ recipe: z.string(), verdict: z.string() })) });

/**
 * For every enrolled recipe: is it due tonight, and why (reads each recipe's latest release).
 *
 * @example
 * ```ts
 * const dues = await dueRecipes(Object.keys(config.recipes), registry.canonicals, lastSwept, config);
 * ```
 */
export async function dueRecipes(enrolled: readonly string[], canonicals: Readonly<Record<string, CanonicalEntry>>, lastSwept: Readonly<Record<string, string>>, config: Config, signal?: AbortSignal): Promise<SweepDue[]> {
  const now = new Date();
  const out: SweepDue[] = [];
  for (const recipe of enrolled) {
    const entry = Object.hasOwn(canonicals, recipe) ? canonicals[recipe] : undefined;
    const latest = entry ? await resolveLatest(canonicalApp(recipe, config).recipeDir, { signal, allowPrereleases: config.recipes[recipe]?.allowPrereleases }).catch(() => undefined) : undefined;
    const swept = Object.hasOwn(lastSwept, recipe) ? lastSwept[recipe] : undefined;
    const lastVerified = entry && swept && swept > entry.promotedAt ? swept : entry?.promotedAt;
    out.push(sweepDue(recipe, entry, { latestTag: latest?.tag, latestCommit: latest?.commit, lastVerified, now, reverifyDays: config.sweep.reverifyDays ?? 7 }));
  }
  return out;
}
