import { readFile } from "node:fs/promises";
import { ConfigError, InfraError } from "../errors.ts";
import { runCommand } from "../exec/command.ts";
import type { SecretSource } from "../config/types.ts";
import { findServiceContainer } from "./container.ts";

/**
 * Where the admin password comes from: a config {@linkcode SecretSource}, or a function (e.g. a
 * test's own reader). `docker-secret` reads the file inside the running Keycloak container.
 */
export type PasswordSource = SecretSource | (() => Promise<string>);

/** Options for {@linkcode resolvePassword}. */
export interface ResolvePasswordOptions {
  /** `docker-secret`: the Keycloak stack (its container is found by label). */
  stack?: string;
  /** `docker-secret`: the service inside the stack (default `app`). */
  service?: string;
  /** Environment for `env` sources (default `process.env`). */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * Read the admin password from its source. Errors name the source, never the value; a trailing
 * newline (as `echo` writes files) is dropped.
 *
 * @example
 * ```ts
 * const pw = await resolvePassword({ from: "file", path: "/var/cache/cc-warm/keycloak-process/admin-password" });
 * ```
 */
export async function resolvePassword(source: PasswordSource, options: ResolvePasswordOptions = {}): Promise<string> {
  const value = await readSource(source, options);
  const trimmed = value.replace(/\r?\n$/, "");
  if (!trimmed) throw new ConfigError(describeSource(source), "the admin password is empty");
  return trimmed;
}

async function readSource(source: PasswordSource, options: ResolvePasswordOptions): Promise<string> {
  if (typeof source === "function") return source();
  if (source.from === "env") {
    const value = (options.env ?? process.env)[source.name];
    if (value === undefined) throw new ConfigError(`env:${source.name}`, "is not set (the Keycloak admin password)");
    return value;
  }
  if (source.from === "file") {
    try {
      return await readFile(source.path, { encoding: "utf8", signal: options.signal });
    } catch (cause) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ConfigError(source.path, `cannot read the Keycloak admin password (${(cause as NodeJS.ErrnoException).code ?? "error"})`, { cause });
    }
  }
  if (!options.stack) throw new ConfigError("keycloak.adminPassword", "docker-secret needs the Keycloak stack name");
  const container = await findServiceContainer(options.stack, { service: options.service ?? "app", signal: options.signal });
  const res = await runCommand("docker", ["exec", container, "cat", source.path], { signal: options.signal, timeoutMs: 30_000 });
  if (res.isCanceled && options.signal?.aborted) throw options.signal.reason;
  // Built by hand, not CommandError: that one quotes stdout, which would be the password.
  if (res.failed) throw new InfraError(`reading ${source.path} in container ${container} failed (${res.timedOut ? "timed out" : `exit ${res.exitCode}`}): ${res.stderr.slice(-300)}`);
  return res.stdout;
}

function describeSource(source: PasswordSource): string {
  if (typeof source === "function") return "keycloak.adminPassword (function)";
  return source.from === "env" ? `env:${source.name}` : source.from === "file" ? source.path : `docker-secret:${source.path}`;
}
