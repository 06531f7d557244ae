import { InputError } from "../errors.ts";
import { parseInput, realmNameSchema } from "../validate/mod.ts";
import type { KeycloakAdmin } from "./admin.ts";
import { HEAVY_TIMEOUT_MS } from "./create.ts";
import { readMarker } from "./markers.ts";
import { parseRealmName } from "./names.ts";
import { realmSchema } from "./schemas.ts";

/** Options for {@linkcode deleteRealm}. */
export interface DeleteRealmOptions {
  /** Deadline of the DELETE in ms (default 120 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What {@linkcode deleteRealm} did. */
export interface DeleteRealmResult {
  realm: string;
  /** false when the realm was already gone. */
  deleted: boolean;
}

/**
 * Delete a cc-warm realm; a realm that is already gone is fine (teardown may run twice).
 * Refuses `master`, any name that is not `<parent>-<6 hex>`, and any realm without our
 * `ccWarm.managed` marker: a teardown must never remove someone else's realm.
 *
 * @example
 * ```ts
 * await deleteRealm(admin, creds.realm, { signal });
 * ```
 */
export async function deleteRealm(admin: KeycloakAdmin, name: string, options: DeleteRealmOptions = {}): Promise<DeleteRealmResult> {
  if (name === "master" || !parseRealmName(parseInput("realm", realmNameSchema, name))) {
    throw new InputError("realm", `refusing to delete ${JSON.stringify(name)}: not a realm made by cc-warm`);
  }
  const path = `/admin/realms/${encodeURIComponent(name)}`;
  const current = await admin.request("GET", path, { schema: realmSchema, accept: [404], signal: options.signal });
  if (current.status === 404) return { realm: name, deleted: false };
  if (!readMarker(current.data?.attributes).managed) {
    throw new InputError("realm", `refusing to delete ${name}: it has no ccWarm.managed marker`);
  }
  const res = await admin.request("DELETE", path, { accept: [404], timeoutMs: options.timeoutMs ?? HEAVY_TIMEOUT_MS, signal: options.signal });
  return { realm: name, deleted: res.status !== 404 };
}
