import { InfraError } from "../errors.ts";

/**
 * A Keycloak HTTP call failed. The message names only the method, the endpoint path (no query)
 * and the status: never a request body, a token or a password. `status` is 0 when no HTTP
 * answer arrived (unreachable, timed out, unreadable response).
 *
 * @example
 * ```ts
 * try { await deleteRealm(admin, "demo-1a2b3c"); } catch (e) { if (e instanceof KeycloakError && e.status === 403) alert(); }
 * ```
 */
export class KeycloakError extends InfraError {
  override name = "KeycloakError";
  /** HTTP status, or 0 when there was no (usable) answer. */
  readonly status: number;
  /** `METHOD /path` without the query string. */
  readonly endpoint: string;
  constructor(endpoint: string, status: number, problem: string, options?: ErrorOptions) {
    super(`Keycloak ${endpoint}: ${problem}`, options);
    this.status = status;
    this.endpoint = endpoint;
  }
}

/** An OAuth `error` code from a body is shown only when it is a plain token like `invalid_grant`. */
export function safeErrorCode(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const code = (body as Record<string, unknown>).error;
  return typeof code === "string" && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
}
