import { lstat, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { readLock } from "../lock/status.ts";
import { describeHolder } from "../lock/errors.ts";
import { pathSize } from "./usage.ts";
import type { PruneItem } from "./types.ts";

/** Top-level entries of the state dir that are not recipe dirs. */
const NOT_RECIPES = new Set(["locks", "alerts"]);

/**
 * The only shape prune ever deletes under the state dir: `<stateDir>/<recipe>/.tmp-*`, a real
 * directory (not a symlink). Anything else (known-good, registry.json, locks) is warm data.
 *
 * @example
 * ```ts
 * await assertSnapshotGarbagePath("/var/lib/ci-warm", "/var/lib/ci-warm/demo/.tmp-1");
 * ```
 */
export async function assertSnapshotGarbagePath(stateDir: string, path: string): Promise<void> {
  const parts = relative(stateDir, path).split(sep);
  const ok = parts.length === 2 && !NOT_RECIPES.has(parts[0]!) && !parts[0]!.startsWith(".") && /^\.tmp-[^/]+$/.test(parts[1]!);
  const st = ok ? await lstat(path) : undefined;
  if (!ok || !st?.isDirectory() || st.isSymbolicLink()) throw new Error(`refusing to delete ${path}: not a snapshot temp dir under ${stateDir}`);
}

/**
 * Judge every `<stateDir>/<recipe>/.tmp-*`: abandoned ones (no MANIFEST, untouched for
 * `graceMs`, the recipe's lock not held by a live process) are garbage; the rest are kept.
 *
 * @example
 * ```ts
 * const items = await findSnapshotGarbage("/var/lib/ci-warm", { nowMs: Date.now(), graceMs: 30 * 60_000 });
 * ```
 */
export async function findSnapshotGarbage(stateDir: string, options: { nowMs: number; graceMs: number; signal?: AbortSignal }): Promise<PruneItem[]> {
  const items: PruneItem[] = [];
  const recipes = await readdir(stateDir, { withFileTypes: true }).catch(() => []);
  for (const r of recipes) {
    if (!r.isDirectory() || NOT_RECIPES.has(r.name) || r.name.startsWith(".")) continue;
    const entries = await readdir(join(stateDir, r.name), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory() || !e.name.startsWith(".tmp-")) continue;
      const path = join(stateDir, r.name, e.name);
      const { bytes, newestMtimeMs } = await pathSize(path, { signal: options.signal });
      const item = (action: PruneItem["action"], reason: string): number => items.push({ kind: "snapshot-tmp", name: path, bytes, reason, action });
      const hasManifest = await lstat(join(path, "MANIFEST")).then(() => true, () => false);
      if (hasManifest) {
        item("kept", "has a MANIFEST: a committed snapshot left for recovery");
        continue;
      }
      const lock = await readLock(stateDir, r.name).catch(() => undefined);
      if (lock?.holder) {
        item("kept", `app lock held by ${describeHolder(lock.holder)}: a writer may be active`);
        continue;
      }
      const ageMin = Math.floor((options.nowMs - newestMtimeMs) / 60_000);
      if (options.nowMs - newestMtimeMs < options.graceMs) item("kept", `touched ${ageMin} min ago: may still be written`);
      else item("would-remove", `abandoned snapshot write (no MANIFEST, untouched for ${ageMin} min, no lock held)`);
    }
  }
  return items;
}
