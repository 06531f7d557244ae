import { KeycloakError } from "./errors.ts";

/** The `fetch` signature cc-warm needs (global `fetch` fits; tests may pass a fake). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options for {@linkcode sendRequest}. */
export interface SendOptions {
  fetch?: FetchLike;
  /** Per-request deadline (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One HTTP exchange with a deadline. Cancellation rethrows the caller's reason (so a runner sees
 * "cancelled", not "failed"); a timeout or a network failure becomes a {@linkcode KeycloakError}
 * with status 0 that names `endpoint` only.
 *
 * @example
 * ```ts
 * const res = await sendRequest("GET /realms/master", "http://127.0.0.1:18080/realms/master", { method: "GET" });
 * ```
 */
export async function sendRequest(endpoint: string, url: string, init: RequestInit, options: SendOptions = {}): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const fetchImpl = options.fetch ?? ((input: string, req: RequestInit) => fetch(input, req));
  try {
    return await fetchImpl(url, { ...init, signal, redirect: "manual" });
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) throw new KeycloakError(endpoint, 0, `timed out after ${timeoutMs} ms`);
    const code = (cause as { cause?: { code?: unknown } })?.cause?.code;
    // The cause of a fetch failure carries no request data, but keep the message minimal anyway.
    throw new KeycloakError(endpoint, 0, `unreachable${typeof code === "string" ? ` (${code})` : ""}`, { cause });
  }
}

/** Read a JSON body; a body that is not JSON yields `undefined` (never echoed into errors). */
export async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
