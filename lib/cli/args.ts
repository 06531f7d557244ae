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
}

/**
 * Parse `cc-warm <graph> key=value … [--json] [--plan] [--config FILE] [--help]`.
 * Throws {@linkcode InputError} for an unknown flag, a positional without `=`, or a repeated key.
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
  return {
    graph,
    params,
    json: parsed.values.json ?? false,
    plan: parsed.values.plan ?? false,
    help: parsed.values.help ?? false,
    version: parsed.values.version ?? false,
    config: parsed.values.config,
  };
}
