import { parseArgs } from "node:util";
import { InputError } from "../errors.ts";

/** The parsed command line. */
export interface CliArgs {
  graph?: string;
  /** `key=value` pairs, in order; duplicates rejected. */
  params: Record<string, string>;
  json: boolean;
  plan: boolean;
  help: boolean;
  version: boolean;
  config?: string;
  /** `--format=markdown`: a PR-comment summary on stdout instead of nothing (or JSON Lines). */
  format?: "markdown";
}

/**
 * Parse `cc-warm <graph> key=value … [--json | --format=markdown] [--plan] [--config FILE] [--help]`.
 * Throws {@linkcode InputError} for an unknown flag, a positional without `=`, a repeated key, an
 * unknown format, or `--json` with `--format=markdown` (one stdout, one format).
 *
 * @example
 * ```ts
 * parseCliArgs(["quick", "recipe=demo", "--json"]); // { graph: "quick", params: { recipe: "demo" }, json: true, … }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        plan: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "V", default: false },
        config: { type: "string", short: "c" },
        format: { type: "string" },
      },
    });
  } catch (cause) {
    throw new InputError("arguments", (cause as Error).message.replace(/\. To specify a positional.*$/s, ""), { cause });
  }
  const [graph, ...pairs] = parsed.positionals;
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new InputError(pair.slice(0, 40) || "argument", "expected key=value (e.g. recipe=demo)");
    const key = pair.slice(0, eq);
    if (!/^[a-z][a-z0-9-]*$/.test(key)) throw new InputError(key.slice(0, 40), "is not a valid parameter name");
    if (Object.hasOwn(params, key)) throw new InputError(key, "given more than once");
    params[key] = pair.slice(eq + 1);
  }
  const format = parsed.values.format;
  if (format !== undefined && format !== "markdown") throw new InputError("--format", `unknown format "${format.slice(0, 40)}" (known: markdown; JSON Lines is --json)`);
  if (format && parsed.values.json) throw new InputError("--format", "--format=markdown and --json both claim stdout: use one of them");
  return {
    graph,
    params,
    json: parsed.values.json ?? false,
    plan: parsed.values.plan ?? false,
    help: parsed.values.help ?? false,
    version: parsed.values.version ?? false,
    config: parsed.values.config,
    ...(format ? { format } : {}),
  };
}
