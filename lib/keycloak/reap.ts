import type { KeycloakAdmin } from "./admin.ts";
import { deleteRealm } from "./delete.ts";
import { listRealms, readCandidateMarkers } from "./list.ts";
import { liveRunHexesFromDocker } from "./live.ts";
import type { RealmMarker } from "./markers.ts";

/** Options for {@linkcode reapStaleRealms}. */
export interface ReapOptions {
  /** A marked realm younger than this is kept even when its run looks gone (it may not be deployed yet). */
  graceMinutes: number;
  /** Run hexes that are live, or a function listing them. Default: from `docker stack ls`. */
  liveRunHexes?: Set<string> | ((options: { signal?: AbortSignal }) => Promise<Set<string>>);
  /** List what would be deleted, delete nothing. */
  dryRun?: boolean;
  now?: Date;
  signal?: AbortSignal;
}

/** What happened to one realm. */
export interface ReapEntry {
  realm: string;
  action: "deleted" | "would-delete" | "kept" | "failed";
  reason: string;
}

/**
 * Delete realms left behind by runs that are gone: only realms with the `ccWarm.managed`
 * marker, whose run hex maps to no live stack, created more than `graceMinutes` ago. Never
 * `master`, never an unmarked realm. If the live stacks cannot be listed it throws before
 * deleting anything. One failed deletion does not stop the others (it is reported `failed`).
 *
 * @example
 * ```ts
 * const report = await reapStaleRealms(admin, { graceMinutes: 120, dryRun: true });
 * ```
 */
export async function reapStaleRealms(admin: KeycloakAdmin, options: ReapOptions): Promise<ReapEntry[]> {
  const { signal } = options;
  const now = (options.now ?? new Date()).getTime();
  const live = typeof options.liveRunHexes === "function"
    ? await options.liveRunHexes({ signal })
    : options.liveRunHexes ?? (await liveRunHexesFromDocker({ signal }));
  const all = await listRealms(admin, { signal });
  const candidates = new Map((await readCandidateMarkers(admin, all.map((r) => r.realm), { signal })).map((c) => [c.realm, c.marker]));
  const out: ReapEntry[] = [];
  for (const { realm } of all) {
    const marker = candidates.get(realm);
    const why = keepReason(realm, marker, live, now, options.graceMinutes);
    if (why) out.push({ realm, action: "kept", reason: why });
    else if (options.dryRun) out.push({ realm, action: "would-delete", reason: staleReason(marker!, now) });
    else {
      try {
        const res = await deleteRealm(admin, realm, { signal });
        out.push({ realm, action: "deleted", reason: res.deleted ? staleReason(marker!, now) : "already gone" });
      } catch (err) {
        if (signal?.aborted) throw err;
        out.push({ realm, action: "failed", reason: (err as Error).message });
      }
    }
  }
  return out;
}

function keepReason(realm: string, marker: RealmMarker | undefined, live: Set<string>, now: number, graceMinutes: number): string | undefined {
  if (realm === "master") return "master is never reaped";
  if (!marker) return "not named like a cc-warm realm";
  if (!marker.managed) return "no ccWarm.managed marker";
  if (!marker.run || !/^[0-9a-f]{6}$/.test(marker.run)) return "marker has no valid ccWarm.run";
  if (!marker.createdAt) return "marker has no valid ccWarm.createdAt";
  if (live.has(marker.run)) return `run ${marker.run} is live`;
  const ageMin = (now - marker.createdAt.getTime()) / 60_000;
  if (ageMin < graceMinutes) return `within grace (${Math.floor(ageMin)} of ${graceMinutes} min)`;
  return undefined;
}

function staleReason(marker: RealmMarker, now: number): string {
  return `run ${marker.run} is gone and the realm is ${Math.floor((now - marker.createdAt!.getTime()) / 60_000)} min old`;
}
