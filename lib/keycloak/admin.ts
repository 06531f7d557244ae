import type { z } from "zod";
import { KeycloakError, safeErrorCode } from "./errors.ts";
import { type FetchLike, readJson, sendRequest } from "./http.ts";
import { type PasswordSource, resolvePassword } from "./password.ts";
import { TokenCache } from "./token.ts";

/** Options for {@linkcode KeycloakAdmin}. */
export interface KeycloakAdminOptions {
  /** Base URL, e.g. `http://127.0.0.1:18080` (a trailing slash is dropped). */
  url: string;
  /** Admin user in master (default `admin`). */
  username?: string;
  password: PasswordSource;
  /** For a `docker-secret` password: the Keycloak stack, and its service (default `app`). */
  stack?: string;
  service?: string;
  /** Per-request deadline in ms (default 30 000). */
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Receives the password, every token and every client secret/password created, to be masked. */
  onSecret?: (value: string) => void;
  /** One line per HTTP call: method, path, status, duration. Never a body or a header. */
  log?: (line: string) => void;
}

/** Options for one {@linkcode KeycloakAdmin.request}. */
export interface AdminRequestOptions<T> {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Validates a 2xx JSON body; without it the body is not read. */
  schema?: z.ZodType<T>;
  /** Statuses besides 2xx that are answers, not errors (e.g. 404 for "already gone", 409). */
  accept?: readonly number[];
  /** This call's deadline in ms, overriding the client's (realm creation and deletion are slow). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The answer to a {@linkcode KeycloakAdmin.request}. */
export interface AdminResponse<T> {
  status: number;
  data: T | undefined;
  location: string | null;
}

/**
 * A small typed client for Keycloak's admin REST API over `fetch`: tokens cached and renewed,
 * one retry after a 401, a deadline on every call, errors that show status and endpoint only.
 *
 * @example
 * ```ts
 * const admin = new KeycloakAdmin({ url: "http://127.0.0.1:18080", password: { from: "env", name: "KC_PW" } });
 * const { data } = await admin.request("GET", "/admin/realms/master", { schema: realmSchema });
 * ```
 */
export class KeycloakAdmin {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  #opts: KeycloakAdminOptions;
  #tokens: TokenCache;
  #password?: Promise<string>;
  constructor(options: KeycloakAdminOptions) {
    this.#opts = options;
    this.baseUrl = options.url.replace(/\/+$/, "");
    this.#tokens = new TokenCache({
      baseUrl: this.baseUrl,
      username: options.username ?? "admin",
      password: () => this.#readPassword(),
      onSecret: options.onSecret,
    });
  }

  /** Report a secret value (a generated client secret or password) to `onSecret`. */
  secret(value: string): void {
    this.#opts.onSecret?.(value);
  }

  /** Call an admin endpoint (`path` starts with `/admin/` or `/realms/`) with a bearer token. */
  async request<T = unknown>(method: string, path: string, options: AdminRequestOptions<T> = {}): Promise<AdminResponse<T>> {
    const endpoint = `${method} ${path}`;
    const url = this.baseUrl + path + queryString(options.query);
    const send = { fetch: this.#opts.fetch, timeoutMs: options.timeoutMs ?? this.#opts.timeoutMs, signal: options.signal };
    let res: Response | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const token = await this.#tokens.get({ ...send, force: attempt > 1 });
      const started = Date.now();
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      res = await sendRequest(endpoint, url, { method, headers, body }, send);
      this.#opts.log?.(`${endpoint} -> ${res.status} (${Date.now() - started} ms)`);
      // A token can be revoked or expire in flight: renew once, then report.
      if (res.status !== 401) break;
      await res.body?.cancel();
    }
    return this.#answer(endpoint, res!, options);
  }

  async #answer<T>(endpoint: string, res: Response, options: AdminRequestOptions<T>): Promise<AdminResponse<T>> {
    const accepted = res.ok || (options.accept ?? []).includes(res.status);
    if (!accepted) {
      const code = safeErrorCode(await readJson(res).catch(() => undefined));
      throw new KeycloakError(endpoint, res.status, `HTTP ${res.status}${code ? ` ${code}` : ""}`);
    }
    const location = res.headers.get("location");
    if (!res.ok || !options.schema) {
      await res.body?.cancel();
      return { status: res.status, data: undefined, location };
    }
    const parsed = options.schema.safeParse(await readJson(res));
    // Issue paths only: values could be secrets (a client secret response, a user's credentials).
    if (!parsed.success) throw new KeycloakError(endpoint, res.status, `unexpected response (${parsed.error.issues.map((i) => i.path.join(".") || "body").join(", ")})`);
    return { status: res.status, data: parsed.data, location };
  }

  #readPassword(): Promise<string> {
    this.#password ??= resolvePassword(this.#opts.password, { stack: this.#opts.stack, service: this.#opts.service }).then(
      (pw) => (this.secret(pw), pw),
      (err) => ((this.#password = undefined), Promise.reject(err)),
    );
    return this.#password;
  }
}

function queryString(query: AdminRequestOptions<unknown>["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
