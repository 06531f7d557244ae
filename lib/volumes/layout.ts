/**
 * Where a recipe's snapshots live under the state directory, and how a docker volume name
 * maps to its stable key inside a snapshot.
 * @module
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { absolutePathSchema, recipeNameSchema } from "../validate/names.ts";
import type { VolumeRef } from "./types.ts";

/**
 * The file, inside a snapshot directory, that marks it complete.
 *
 * @example
 * ```ts
 * const complete = existsSync(join(dir, MANIFEST_NAME));
 * ```
 */
export const MANIFEST_NAME = "MANIFEST";

/** Paths of one recipe's snapshot area. */
export interface SnapshotLayout {
  /** `<stateDir>/<recipe>` */
  recipeDir: string;
  /** `<stateDir>/<recipe>/known-good` */
  knownGood: string;
}

/**
 * Validate `stateDir` and `recipe` and return the recipe's snapshot paths.
 *
 * @example
 * ```ts
 * const { knownGood } = snapshotLayout("/var/lib/ci-warm", "demo");
 * ```
 */
export function snapshotLayout(stateDir: string, recipe: string): SnapshotLayout {
  const dir = parseInput("stateDir", absolutePathSchema, stateDir);
  const name = parseInput("recipe", recipeNameSchema, recipe);
  const recipeDir = join(dir, name);
  return { recipeDir, knownGood: join(recipeDir, "known-good") };
}

/**
 * A fresh id for `.tmp-<id>` / `.old-<id>` directories: `<time>-<pid>-<random>`, so recovery
 * can tell a live writer's directory from a dead one's.
 *
 * @example
 * ```ts
 * const tmp = `.tmp-${newSnapshotId()}`;
 * ```
 */
export function newSnapshotId(): string {
  return `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/**
 * The writer pid embedded in a `.tmp-<id>`/`.old-<id>` name, if any.
 *
 * @example
 * ```ts
 * snapshotIdPid(".tmp-m1abc-4242-0a1b2c3d"); // 4242
 * ```
 */
export function snapshotIdPid(dirName: string): number | undefined {
  const m = /^\.(?:tmp|old)-[0-9a-z]+-(\d+)-[0-9a-f]+$/.exec(dirName);
  return m ? Number(m[1]) : undefined;
}

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

/**
 * The stable key of a volume: its explicit `key`, else its name without the `<stack>_`
 * prefix, else its name. Keys are single safe path segments and must be unique.
 *
 * @example
 * ```ts
 * volumeKeys([{ name: "warm-demo_db-data", mountpoint: "/x" }], "warm-demo"); // ["db-data"]
 * ```
 */
export function volumeKeys(volumes: readonly VolumeRef[], stack?: string): string[] {
  const keys = volumes.map((v) => {
    const key = v.key ?? (stack && v.name.startsWith(`${stack}_`) ? v.name.slice(stack.length + 1) : v.name);
    if (!KEY_RE.test(key) || key === MANIFEST_NAME) throw new InputError("volumes", `volume ${JSON.stringify(v.name)} gives an unusable key ${JSON.stringify(key)}`);
    parseInput(`volumes.${key}.mountpoint`, absolutePathSchema, v.mountpoint);
    return key;
  });
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw new InputError("volumes", `two volumes map to the same key ${JSON.stringify(dup)}`);
  if (keys.length === 0) throw new InputError("volumes", "must list at least one volume");
  return keys;
}
