import { z } from "zod";
import type { KeycloakAdmin } from "./admin.ts";
import { type RealmMarker, readMarker } from "./markers.ts";
import { parseRealmName } from "./names.ts";
import { briefRealmSchema, realmSchema } from "./schemas.ts";

/** One realm as listed. */
export interface RealmSummary {
  realm: string;
  enabled: boolean;
}

/**
 * Every realm, from the cheap brief listing (`briefRepresentation=true`: no attributes).
 *
 * @example
 * ```ts
 * const names = (await listRealms(admin)).map((r) => r.realm);
 * ```
 */
export async function listRealms(admin: KeycloakAdmin, options: { signal?: AbortSignal } = {}): Promise<RealmSummary[]> {
  const { data } = await admin.request("GET", "/admin/realms", {
    query: { briefRepresentation: true },
    schema: z.array(briefRealmSchema),
    signal: options.signal,
  });
  return (data ?? []).map((r) => ({ realm: r.realm, enabled: r.enabled ?? true }));
}

/** A candidate realm with its markers read from the full representation. */
export interface MarkedRealm {
  realm: string;
  marker: RealmMarker;
}

/**
 * The `ccWarm.*` markers of one realm (full representation: the brief listing has no
 * attributes); `undefined` when the realm does not exist.
 *
 * @example
 * ```ts
 * const marker = await readRealmMarker(admin, "demo-1a2b3c");
 * ```
 */
export async function readRealmMarker(admin: KeycloakAdmin, name: string, options: { signal?: AbortSignal } = {}): Promise<RealmMarker | undefined> {
  const res = await admin.request("GET", `/admin/realms/${encodeURIComponent(name)}`, { schema: realmSchema, accept: [404], signal: options.signal });
  return res.status === 404 ? undefined : readMarker(res.data?.attributes);
}

/**
 * Realms whose *name* looks like ours (`<parent>-<6 hex>`), with their markers, fetched with at
 * most `concurrency` (default 4) requests in flight. Other names are never fetched.
 *
 * @example
 * ```ts
 * for (const { realm, marker } of await listCandidateRealms(admin)) console.log(realm, marker.managed);
 * ```
 */
export async function listCandidateRealms(admin: KeycloakAdmin, options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<MarkedRealm[]> {
  return readCandidateMarkers(admin, (await listRealms(admin, options)).map((r) => r.realm), options);
}

/**
 * Like {@linkcode listCandidateRealms}, for names already listed.
 *
 * @example
 * ```ts
 * const marked = await readCandidateMarkers(admin, ["master", "demo-1a2b3c"]); // fetches demo-1a2b3c only
 * ```
 */
export async function readCandidateMarkers(admin: KeycloakAdmin, realms: readonly string[], options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<MarkedRealm[]> {
  const names = realms.filter((n) => n !== "master" && parseRealmName(n));
  const out: MarkedRealm[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const realm = names[next++]!;
      const marker = await readRealmMarker(admin, realm, options);
      if (marker) out.push({ realm, marker });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, names.length) }, worker));
  return out.sort((a, b) => a.realm.localeCompare(b.realm));
}
