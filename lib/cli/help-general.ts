// Kept free of zod and the runner so `cc-warm --help` starts fast.

/** The exit-code table printed by every help text. */
export const EXIT_CODES: string = `Exit codes:
  0  passed
  1  verdict failed (and rolled back / cleaned up cleanly)
  2  bad input or config (nothing was done)
  3  infrastructure error, including a failed rollback (a human must look)
  4  fallback to cold needed (no canonical, or no healthy warm Keycloak; nothing was done)
  5  cancelled (SIGINT/SIGTERM; teardown ran)`;

/**
 * The top-level help text: usage, graphs, flags, exit codes.
 *
 * @example
 * ```ts
 * console.log(generalHelp(commands));
 * ```
 */
export function generalHelp(commands: readonly { name: string; summary: string }[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `cc-warm — the warm-data lane for Co-op Cloud recipe CI

Usage: cc-warm <graph> [key=value …] [--json | --format=markdown] [--plan] [--config FILE]
       cc-warm <graph> --help
       cc-warm config check [--config FILE] | config schema

Graphs:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Other commands:
  config check   validate the config (with env overrides) and print it, secrets redacted
  config schema  print the config's JSON Schema

Flags:
  --json         JSON Lines on stdout (events, then the result object last); human text on stderr
  --format=markdown
                 a PR-comment summary on stdout when the run ends (quick, cold, promote, sweep);
                 not combinable with --json (exit 2): run twice or render the JSON result yourself
  --plan         print the resolved task order and exit without running anything
  --config FILE  config file (default: $CC_WARM_CONFIG, else built-in defaults)
  --help, -h     this help, or a graph's parameters and tasks
  --version, -V  print the version

${EXIT_CODES}
`;
}

