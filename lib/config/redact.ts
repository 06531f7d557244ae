/** What replaces a redacted value. */
export const REDACTED = "‹redacted›";

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential/i;

/**
 * A copy of a config (or any JSON value) fit to print: the config holds no secrets by design
 * (the Keycloak admin password is a *source*: an env name or a path), but argv and URLs can carry
 * one by mistake — `--token=…`, `--password …`, `https://user:pass@host` — and those are replaced
 * by {@linkcode REDACTED}.
 *
 * @example
 * ```ts
 * redactConfig({ alerts: { notifyCommand: ["notify", "--token", "abc"] } });
 * // { alerts: { notifyCommand: ["notify", "--token", "‹redacted›"] } }
 * ```
 */
export function redactConfig<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, i) => (i > 0 && isSecretFlag(value[i - 1]) && typeof item === "string" ? REDACTED : walk(item)));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  if (typeof value !== "string") return value;
  const flag = /^(--?[\w-]+)=(.*)$/.exec(value);
  if (flag && SECRET_KEY.test(flag[1]!)) return `${flag[1]}=${REDACTED}`;
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]+)@/i, `$1${REDACTED}@`);
}

function isSecretFlag(arg: unknown): boolean {
  return typeof arg === "string" && /^--?[\w-]+$/.test(arg) && SECRET_KEY.test(arg);
}
