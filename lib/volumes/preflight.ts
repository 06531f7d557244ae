/**
 * Pre-flight checks run before any byte is written: no container mounts the volumes, and the
 * state filesystem has room for the snapshot.
 * @module
 */
import { statfs } from "node:fs/promises";
import { InfraError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/command.ts";
import type { VolumeRef } from "./types.ts";

/**
 * Throw an {@linkcode InfraError} if any container, running or stopped, mounts one of the
 * volumes (`docker ps -a --filter volume=<name>`): copying a live database is not a snapshot.
 *
 * @example
 * ```ts
 * await assertNoContainerMounts([{ name: "warm-demo_db", mountpoint: "/var/lib/docker/volumes/warm-demo_db/_data" }]);
 * ```
 */
export async function assertNoContainerMounts(volumes: readonly VolumeRef[], signal?: AbortSignal): Promise<void> {
  const busy: string[] = [];
  for (const v of volumes) {
    const res = await runCommandOrThrow("docker", ["ps", "-a", "--filter", `volume=${v.name}`, "--format", "{{.Names}} ({{.State}})"], { signal, timeoutMs: 60_000 });
    const users = res.stdout.split("\n").map((s) => s.trim()).filter(Boolean);
    if (users.length) busy.push(`${v.name} is mounted by ${users.join(", ")}`);
  }
  if (busy.length) throw new InfraError(`refusing to touch volumes that containers still mount (remove the containers first): ${busy.join("; ")}`);
}

/** Options for {@linkcode assertSpaceFor}. */
export interface SpaceCheckOptions {
  /** Refuse when the filesystem would end above this use, in percent (default 95). */
  maxUsePercent?: number;
}

/**
 * Throw an {@linkcode InfraError} when writing `bytesNeeded` more into `dir`'s filesystem would
 * not fit, or would push it past `maxUsePercent`.
 *
 * @example
 * ```ts
 * await assertSpaceFor("/var/lib/ci-warm", 2_000_000_000, { maxUsePercent: 90 });
 * ```
 */
export async function assertSpaceFor(dir: string, bytesNeeded: number, options: SpaceCheckOptions = {}): Promise<void> {
  const max = options.maxUsePercent ?? 95;
  const fs = await statfs(dir);
  const total = fs.blocks * fs.bsize;
  const avail = fs.bavail * fs.bsize;
  const used = (fs.blocks - fs.bfree) * fs.bsize;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  if (bytesNeeded > avail) {
    throw new InfraError(`not enough space in ${dir}: the snapshot needs about ${mb(bytesNeeded)} but only ${mb(avail)} is available`);
  }
  const pct = total > 0 ? ((used + bytesNeeded) / total) * 100 : 100;
  if (pct > max) {
    throw new InfraError(`not enough space in ${dir}: the snapshot (about ${mb(bytesNeeded)}) would fill its filesystem to ${pct.toFixed(1)}%, above maxUsePercent ${max}%`);
  }
}
