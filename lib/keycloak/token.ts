import { KeycloakError, safeErrorCode } from "./errors.ts";
import { readJson, sendRequest, type SendOptions } from "./http.ts";
import { tokenResponseSchema } from "./schemas.ts";
import { abortPromise } from "../runner/wait.ts";

/** What the token cache needs to ask for tokens. */
export interface TokenSource {
  baseUrl: string;
  username: string;
  password: () => Promise<string>;
  /** Called with every new access token so a caller can mask it. */
  onSecret?: (value: string) => void;
  now?: () => number;
}

interface Cached {
  access: string;
  expiresAt: number;
  refresh?: string;
  refreshExpiresAt: number;
}

const ENDPOINT = "POST /realms/master/protocol/openid-connect/token";

/**
 * Admin tokens from master's `admin-cli` client: cached, renewed before expiry (by refresh
 * token while it lasts, else by password grant), one renewal in flight at a time.
 *
 * @example
 * ```ts
 * const tokens = new TokenCache({ baseUrl, username: "admin", password: async () => pw });
 * const bearer = await tokens.get();
 * ```
 */
export class TokenCache {
  #src: TokenSource;
  #cached?: Cached;
  #pending?: Promise<string>;
  constructor(source: TokenSource) {
    this.#src = source;
  }

  /** A valid access token; `force` renews even when the cached one looks valid (after a 401). */
  async get(options: SendOptions & { force?: boolean } = {}): Promise<string> {
    const now = (this.#src.now ?? Date.now)();
    if (!options.force && this.#cached && now < this.#cached.expiresAt) return this.#cached.access;
    if (options.force) this.#cached = undefined;
    // Concurrent callers share one renewal, which runs without any one caller's signal (one
    // caller cancelling must not fail the others); each caller's own signal bounds its wait.
    const { signal, force: _force, ...send } = options;
    this.#pending ??= this.#renew(send).finally(() => (this.#pending = undefined));
    if (!signal) return this.#pending;
    const abort = abortPromise(signal);
    try {
      return await Promise.race([this.#pending, abort.promise]);
    } finally {
      abort.dispose();
    }
  }

  async #renew(options: SendOptions): Promise<string> {
    const prev = this.#cached;
    const now = (this.#src.now ?? Date.now)();
    if (prev?.refresh && now < prev.refreshExpiresAt) {
      const viaRefresh = await this.#grant({ grant_type: "refresh_token", refresh_token: prev.refresh }, options).catch((e) => {
        if (options.signal?.aborted) throw e;
        return undefined; // refresh token revoked or expired early: fall back to the password.
      });
      if (viaRefresh) return viaRefresh;
    }
    const password = await this.#src.password();
    return this.#grant({ grant_type: "password", username: this.#src.username, password }, options);
  }

  async #grant(fields: Record<string, string>, options: SendOptions): Promise<string> {
    const started = (this.#src.now ?? Date.now)();
    const body = new URLSearchParams({ client_id: "admin-cli", ...fields });
    const url = `${this.#src.baseUrl}/realms/master/protocol/openid-connect/token`;
    const res = await sendRequest(ENDPOINT, url, { method: "POST", body, headers: { accept: "application/json" } }, options);
    const json = await readJson(res);
    if (!res.ok) {
      const code = safeErrorCode(json);
      throw new KeycloakError(ENDPOINT, res.status, `HTTP ${res.status}${code ? ` ${code}` : ""} (${fields.grant_type} grant)`);
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) throw new KeycloakError(ENDPOINT, res.status, "unexpected token response");
    const t = parsed.data;
    this.#src.onSecret?.(t.access_token);
    if (t.refresh_token) this.#src.onSecret?.(t.refresh_token);
    // Renew at 80% of the lifespan (at most 10 s early): covers clock skew and slow calls.
    const early = Math.min(10_000, t.expires_in * 200);
    this.#cached = {
      access: t.access_token,
      expiresAt: started + t.expires_in * 1000 - early,
      refresh: t.refresh_token,
      refreshExpiresAt: t.refresh_expires_in ? started + t.refresh_expires_in * 1000 - early : 0,
    };
    return t.access_token;
  }
}
