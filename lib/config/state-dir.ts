/**
 * cc-warm's default state dir is the Python lane's warm root too (`/var/lib/ci-warm`): refuse a
 * state dir that holds the Python lane's per-recipe layout rather than mix two owners' state.
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InfraError } from "../errors.ts";

/** What marks `<stateDir>/<recipe>/` as the Python lane's (cc-warm never writes these names). */
const PYTHON_LANE_MARKS = ["last_good", "canonical.json", join("snapshot", "meta.json"), join("snapshot", "volumes")];

/**
 * The first `<stateDir>/<recipe>/<mark>` of the Python lane's layout, or undefined. A missing
 * or unreadable state dir has none (cc-warm creates its own on first use).
 *
 * @example
 * ```ts
 * findPythonLaneState("/var/lib/ci-warm"); // "/var/lib/ci-warm/gitea/canonical.json"
 * ```
 */
export function findPythonLaneState(stateDir: string): string | undefined {
  let entries;
  try {
    entries = readdirSync(stateDir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    for (const mark of PYTHON_LANE_MARKS) {
      const path = join(stateDir, entry.name, mark);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/**
 * Throw an {@linkcode InfraError} (exit 3) saying what to do when `stateDir` holds the Python
 * lane's warm state. Call it before any side effect.
 *
 * @example
 * ```ts
 * refusePythonLaneStateDir(config.stateDir);
 * ```
 */
export function refusePythonLaneStateDir(stateDir: string): void {
  const found = findPythonLaneState(stateDir);
  if (!found) return;
  throw new InfraError(
    `state dir ${stateDir} holds the Python CI lane's warm state (${found}); cc-warm will not mix its state with it. ` +
      `Point cc-warm at its own directory (config "stateDir" or CC_WARM_STATE_DIR, e.g. /var/lib/cc-warm), ` +
      `or retire the Python lane's warm data there first (its <recipe>/last_good, canonical.json and snapshot/)`,
  );
}
