/**
 * Domain errors shared by every feature. Each maps to one CLI exit code.
 * @module
 */

/**
 * Bad input: a parameter, a name or a path that fails validation. Raised before any side effect.
 * `key` names the offending parameter or field.
 *
 * @example
 * ```ts
 * throw new InputError("recipe", "must not contain '..'");
 * ```
 */
export class InputError extends Error {
  override name = "InputError";
  /** The parameter or field at fault. */
  readonly key: string;
  constructor(key: string, problem: string, options?: ErrorOptions) {
    super(`${key}: ${problem}`, options);
    this.key = key;
  }
}

/**
 * The config file (or an environment override) is invalid or unreadable.
 *
 * @example
 * ```ts
 * throw new ConfigError("/etc/cc-warm.json", "stateDir: must be an absolute path");
 * ```
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** The file (or `env:NAME`) the problem is in. */
  readonly source: string;
  constructor(source: string, problem: string, options?: ErrorOptions) {
    super(`${source}: ${problem}`, options);
    this.source = source;
  }
}

/**
 * Infrastructure failed (docker, swarm, Keycloak, the filesystem). Needs a human when it
 * happens during a rollback.
 *
 * @example
 * ```ts
 * throw new InfraError("docker stack deploy failed", { cause: err });
 * ```
 */
export class InfraError extends Error {
  override name = "InfraError";
}
