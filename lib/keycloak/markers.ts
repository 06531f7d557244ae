/**
 * Realm attribute keys that mark a realm as made by cc-warm.
 *
 * @example
 * ```ts
 * if (realm.attributes?.[MARKER_KEYS.managed] === "true") console.log("ours");
 * ```
 */
export const MARKER_KEYS: {
  readonly managed: "ccWarm.managed";
  readonly createdAt: "ccWarm.createdAt";
  readonly run: "ccWarm.run";
  readonly parent: "ccWarm.parent";
} = {
  managed: "ccWarm.managed",
  createdAt: "ccWarm.createdAt",
  run: "ccWarm.run",
  parent: "ccWarm.parent",
} as const;

/** The markers of one realm, as read back. */
export interface RealmMarker {
  /** `ccWarm.managed=true` was found. */
  managed: boolean;
  /** Parsed `ccWarm.createdAt`; `undefined` when missing or not a date. */
  createdAt?: Date;
  run?: string;
  parent?: string;
}

/**
 * The attributes to store on a new realm.
 *
 * @example
 * ```ts
 * markerAttributes({ parent: "demo", run: "1a2b3c", createdAt: new Date() });
 * ```
 */
export function markerAttributes(m: { parent: string; run: string; createdAt: Date }): Record<string, string> {
  return {
    [MARKER_KEYS.managed]: "true",
    [MARKER_KEYS.createdAt]: m.createdAt.toISOString(),
    [MARKER_KEYS.run]: m.run,
    [MARKER_KEYS.parent]: m.parent,
  };
}

/**
 * Read markers from a realm's `attributes` map (values may be strings or, in some Keycloak
 * versions, one-element arrays).
 *
 * @example
 * ```ts
 * readMarker({ "ccWarm.managed": "true" }).managed; // true
 * ```
 */
export function readMarker(attributes: Record<string, unknown> | undefined): RealmMarker {
  const get = (k: string): string | undefined => {
    const v = attributes?.[k];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === "string" ? s : undefined;
  };
  const created = get(MARKER_KEYS.createdAt);
  const date = created ? new Date(created) : undefined;
  return {
    managed: get(MARKER_KEYS.managed) === "true",
    createdAt: date && !Number.isNaN(date.getTime()) ? date : undefined,
    run: get(MARKER_KEYS.run),
    parent: get(MARKER_KEYS.parent),
  };
}
