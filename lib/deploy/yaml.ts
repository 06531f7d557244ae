/**
 * One YAML reader for everything cc-warm reads (recipe compose files, `docker stack config`
 * output), on the maintained `yaml` package.
 *
 * Schema: YAML's *failsafe* schema plus `null`. Every scalar stays the string it was written as
 * (`"3.8"` and `3.8`, `0555`, `true`, `on`) and only `null`/`~`/empty are null. That is what
 * Docker does with the values cc-warm reads (labels, environment, names: all strings), and it
 * never guesses: the core schema would turn `0555` into 555 and `true` into a boolean, YAML 1.1
 * (yaml.v2's) would even turn a key `n` into `false`. Merge keys (`<<:`) are on, as in both of
 * Docker's YAML libraries. Anything the parser cannot read is an error naming the line.
 * @module
 */
import { parseDocument } from "yaml";

/** A YAML value as read here: scalars stay strings (or null); no type guessing. */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

/**
 * A document that is not complete, valid YAML. `line` is 1-based (0 when unknown).
 *
 * @example
 * ```ts
 * try { readYaml("a: [1,\n", { source: "compose.yml" }); } catch (e) { if (e instanceof YamlError) console.log(e.line); }
 * ```
 */
export class YamlError extends Error {
  override name = "YamlError";
  /** The file (or command) the text came from. */
  readonly source: string;
  /** 1-based line of the first problem (0 when the parser gave none). */
  readonly line: number;
  constructor(source: string, line: number, problem: string, options?: ErrorOptions) {
    super(`${source}${line ? ` line ${line}` : ""}: ${problem}`, options);
    this.source = source;
    this.line = line;
  }
}

/**
 * Parse one YAML document completely or throw a {@linkcode YamlError} naming the line: syntax
 * errors, duplicate keys, more than one document and aliases that go nowhere all throw; there is
 * never a partial result.
 *
 * @example
 * ```ts
 * readYaml("services:\n  app:\n    image: busybox\n", { source: "compose.yml" }); // { services: { app: { image: "busybox" } } }
 * ```
 */
export function readYaml(text: string, options: { source: string }): YamlValue {
  const doc = parseDocument(text, { schema: "failsafe", customTags: ["null"], merge: true, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // linePos is missing for errors at the very end of the text (a cut document): count lines.
    const line = first.linePos?.[0].line ?? text.slice(0, first.pos[0]).split("\n").length;
    throw new YamlError(options.source, line, first.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ""), { cause: first });
  }
  try {
    return (doc.toJS({ maxAliasCount: 10_000 }) ?? null) as YamlValue;
  } catch (cause) {
    throw new YamlError(options.source, 0, (cause as Error).message, { cause });
  }
}
