/**
 * `cc-warm config check [--config FILE] [--json]` and `cc-warm config schema`: check a config
 * before a night of failures, and give editors and docs its JSON Schema. Not graphs: they run
 * nothing and take no `key=value` parameters.
 * @module
 */
import { parseArgs } from "node:util";
import { CONFIG_ENV_OVERRIDES, loadConfig } from "../config/load.ts";
import { configJsonSchema } from "../config/json-schema.ts";
import { redactConfig } from "../config/redact.ts";
import { refusePythonLaneStateDir } from "../config/state-dir.ts";
import { InputError } from "../errors.ts";
import { ExitCode } from "./exit-codes.ts";
import type { CliIO } from "./main.ts";

/** `cc-warm config --help`. */
export const CONFIG_HELP: string = `cc-warm config — check the config file, or print its JSON Schema

Usage: cc-warm config check [--config FILE] [--json]
       cc-warm config schema

  check   validate FILE (default: $CC_WARM_CONFIG, else built-in defaults) with the environment
          overrides applied (CC_WARM_STATE_DIR, …), and print the effective config with
          secrets redacted; exit 2 naming the file and the field when it is invalid, exit 3 when
          its stateDir holds the Python CI lane's warm state
  schema  print the config's JSON Schema (generated from the zod schema) for editors ("$schema")
          and the NixOS module's documentation
`;

/**
 * Run `cc-warm config …` (argv after `config`) and return the exit code. Errors are thrown as
 * {@linkcode InputError}/`ConfigError`/`InfraError` for `runCli` to report.
 *
 * @example
 * ```ts
 * const code = runConfigCommand(["check", "--config", "/etc/cc-warm/config.json"], io);
 * ```
 */
export function runConfigCommand(argv: readonly string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { config: { type: "string", short: "c" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (cause) {
    throw new InputError("arguments", (cause as Error).message.replace(/\. To specify a positional.*$/s, ""), { cause });
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help) return io.stdout(CONFIG_HELP), ExitCode.Passed;
  if (rest.length) throw new InputError(rest[0]!.slice(0, 40), "unexpected argument (usage: cc-warm config check|schema)");
  if (action === "schema") return io.stdout(JSON.stringify(configJsonSchema(), null, 2) + "\n"), ExitCode.Passed;
  if (action !== "check") throw new InputError("config", `expected "check" or "schema", got ${action ? `"${action.slice(0, 40)}"` : "nothing"}`);
  const path = values.config ?? io.env.CC_WARM_CONFIG;
  const config = loadConfig({ path, env: io.env });
  const overrides = Object.entries(CONFIG_ENV_OVERRIDES).filter(([name]) => io.env[name]).map(([name, field]) => `${field} from ${name}`);
  refusePythonLaneStateDir(config.stateDir);
  const shown = redactConfig(config);
  io.stdout(values.json ? JSON.stringify({ type: "config", path: path ?? null, overrides, config: shown }) + "\n" : JSON.stringify(shown, null, 2) + "\n");
  io.stderr(`config OK: ${path ?? "built-in defaults (no --config, no $CC_WARM_CONFIG)"}${overrides.length ? `; env overrides: ${overrides.join(", ")}` : ""}\n`);
  return ExitCode.Passed;
}
