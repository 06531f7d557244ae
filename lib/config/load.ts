import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.ts";
import { describeIssues } from "../validate/parse.ts";
import { configSchema } from "./schema.ts";
import type { Config } from "./types.ts";

/** Environment variables that override config fields (highest precedence). */
export const CONFIG_ENV_OVERRIDES: Readonly<Record<string, string>> = {
  CC_WARM_STATE_DIR: "stateDir",
  CC_WARM_CI_DOMAIN: "ciDomain",
  CC_WARM_DOCKER_ROOT: "dockerRoot",
  CC_WARM_DEPLOYER: "deployer.kind",
  CC_WARM_KEYCLOAK_URL: "keycloak.url",
  CC_WARM_MAX_TESTS: "sweep.maxTests",
};

/** Options for {@linkcode loadConfig}. */
export interface LoadConfigOptions {
  /** The config file; default `$CC_WARM_CONFIG`, else defaults only. */
  path?: string;
  /** The environment to read overrides from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Read, merge environment overrides into, and validate the config. Throws a
 * {@linkcode ConfigError} naming the file and the field.
 *
 * @example
 * ```ts
 * const config = loadConfig({ path: "/etc/cc-warm/config.json" });
 * ```
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const path = options.path ?? env.CC_WARM_CONFIG;
  let raw: Record<string, unknown> = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (cause) {
      throw new ConfigError(path, `cannot read config file (${(cause as NodeJS.ErrnoException).code ?? cause})`, { cause });
    }
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new ConfigError(path, `not valid JSON: ${(cause as Error).message}`, { cause });
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(path, "must be a JSON object");
    // Editors find the schema through "$schema" (`cc-warm config schema`); it is not a setting.
    if (typeof raw.$schema === "string") delete raw.$schema;
  }
  for (const [name, field] of Object.entries(CONFIG_ENV_OVERRIDES)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    setPath(raw, field, field === "sweep.maxTests" ? Number(value) : value);
  }
  const res = configSchema.safeParse(raw);
  if (!res.success) {
    const overridden = Object.entries(CONFIG_ENV_OVERRIDES)
      .filter(([name]) => env[name])
      .map(([name, field]) => `${field} (from env ${name})`);
    const where = path ?? "config (defaults)";
    const hint = overridden.length ? ` [env overrides: ${overridden.join(", ")}]` : "";
    throw new ConfigError(where, describeIssues(res.error.issues) + hint);
  }
  return res.data;
}

/**
 * Validate a config object (no file, no environment): zod's `safeParse` shape.
 *
 * @example
 * ```ts
 * const res = safeParseConfig({ stateDir: "/tmp/x" });
 * if (res.success) console.log(res.data.stateDir);
 * ```
 */
export function safeParseConfig(input: unknown): { success: true; data: Config } | { success: false; error: Error } {
  return configSchema.safeParse(input);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== "object") cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys.at(-1)!] = value;
}
