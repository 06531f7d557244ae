/**
 * Alerts: one sink every graph uses. Records under `<stateDir>/alerts/`, an optional notify
 * command, listing and acknowledgement.
 * @module
 */
export { raiseAlert } from "./raise.ts";
export { acknowledgeAlert, listAlerts } from "./list.ts";
export { alertIdSchema } from "./store.ts";
export type { AlertInput, AlertRecord, NotifyOutcome, RaiseAlertOptions } from "./types.ts";
