/**
 * Alert records: what needs a human, why, and whether someone has looked.
 * @module
 */

/** What a graph reports when it needs a human. */
export interface AlertInput {
  /** Short summary, e.g. `keycloak upgrade rolled back`. */
  what: string;
  /** The reason, e.g. the failed health check. */
  why: string;
  /** Longer text, e.g. release notes that flag a manual migration. */
  notes?: string | undefined;
  /** The app/recipe concerned. */
  app?: string | undefined;
}

/** How the notify command went. Its failure is recorded, never fatal. */
export interface NotifyOutcome {
  command: string;
  ok: boolean;
  exitCode?: number | undefined;
  /** The end of stderr (at most 500 characters) when it failed. */
  error?: string | undefined;
}

/** A stored alert (`<stateDir>/alerts/<id>.json`). */
export interface AlertRecord extends AlertInput {
  /** `<UTC timestamp>-<random hex>`: sorts by time. */
  id: string;
  /** ISO 8601. */
  time: string;
  acknowledged: boolean;
  acknowledgedAt?: string | undefined;
  acknowledgedBy?: string | undefined;
  notify?: NotifyOutcome | undefined;
}

/** Options for `raiseAlert`. */
export interface RaiseAlertOptions {
  /** argv of a program that gets the alert as JSON on stdin (from config `alerts.notifyCommand`). */
  notifyCommand?: readonly string[] | undefined;
  signal?: AbortSignal;
  /** Deadline of the notify command in ms (default 30 000). */
  notifyTimeoutMs?: number;
  /** The clock (tests). */
  now?: Date;
}
