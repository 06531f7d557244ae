/**
 * The CLI's exit codes: the contract with the Python orchestrator. Documented in the README.
 *
 * @example
 * ```ts
 * if (code === ExitCode.FallbackToCold) runCold();
 * ```
 */
export const ExitCode = {
  /** The graph ran and its verdict is PASS. */
  Passed: 0,
  /** The verdict is FAIL and everything was cleaned up / rolled back cleanly. */
  VerdictFailed: 1,
  /** Bad arguments or config; nothing was done. */
  BadInput: 2,
  /** Infrastructure error, including a failed rollback: a human must look. */
  InfraError: 3,
  /** No canonical / no warm Keycloak: run cold instead. Nothing was done. */
  FallbackToCold: 4,
  /** Cancelled by SIGINT/SIGTERM; teardown ran. */
  Cancelled: 5,
} as const;

/** One of the {@linkcode ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
