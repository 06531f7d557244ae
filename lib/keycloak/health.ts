import { type FetchLike, sendRequest } from "./http.ts";

/** Options for {@linkcode keycloakHealthy}. */
export interface KeycloakHealthOptions {
  /** Deadline in ms (default 5 000). */
  timeoutMs?: number;
  fetch?: FetchLike;
  signal?: AbortSignal;
}

/**
 * True when `GET <url>/realms/master` answers 200 within the deadline (what cc-ci checks);
 * false on any other status, a timeout or a refused connection. Cancellation still throws.
 *
 * @example
 * ```ts
 * if (!(await keycloakHealthy("https://warm-keycloak.ci.example.org"))) return fallbackToCold();
 * ```
 */
export async function keycloakHealthy(url: string, options: KeycloakHealthOptions = {}): Promise<boolean> {
  const target = `${url.replace(/\/+$/, "")}/realms/master`;
  try {
    const res = await sendRequest("GET /realms/master", target, { method: "GET" }, { ...options, timeoutMs: options.timeoutMs ?? 5_000 });
    await res.body?.cancel();
    return res.status === 200;
  } catch (err) {
    if (options.signal?.aborted) throw err;
    return false;
  }
}
