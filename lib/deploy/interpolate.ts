/**
 * Variable substitution in compose files exactly as the Docker CLI's stack loader does it
 * (cli/compose/template): `$$` is a literal `$`; `$VAR`, `${VAR}`; `${VAR:-default}` (unset or
 * empty), `${VAR-default}` (unset); `${VAR:?error}`, `${VAR?error}`. A default runs to the first
 * `}` and is not itself expanded (CLI 28 prints `${A:-${B}}` as `${B}`, checked). Any other `$`
 * (`$ 5`, `$1`, `${X:+alt}`) is an invalid format, as in the CLI. Unset variables become "".
 * @module
 */
import { InputError } from "../errors.ts";

const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)(?:(:?[-?])([^}]*))?\}|())/gi;

/**
 * Substitute variables in one compose value; `where` names the value in errors (e.g.
 * `services.app.image`).
 *
 * @example
 * ```ts
 * interpolate("img:${TAG:-1} $$HOME", { lookup: (k) => ({ TAG: "2" })[k], where: "services.app.image" }); // "img:2 $HOME"
 * ```
 */
export function interpolate(text: string, options: { lookup: (name: string) => string | undefined; where: string }): string {
  return text.replace(PATTERN, (_match, escaped?: string, named?: string, braced?: string, op?: string, arg?: string) => {
    if (escaped) return "$";
    const name = named ?? braced;
    if (!name) throw new InputError(options.where, `invalid interpolation format ${JSON.stringify(text)}: escape a literal $ as $$`);
    const value = options.lookup(name);
    const missing = op?.startsWith(":") ? !value : value === undefined;
    if (op?.endsWith("-")) return missing ? (arg ?? "") : value!;
    if (op?.endsWith("?") && missing) throw new InputError(options.where, `required variable ${name} is missing a value: ${arg}`);
    return value ?? "";
  });
}

/**
 * Interpolate every string value (never a key: Docker does not) of a parsed compose file.
 *
 * @example
 * ```ts
 * interpolateValues({ services: { app: { image: "x:${T}" } } }, { lookup: () => "1" }); // { services: { app: { image: "x:1" } } }
 * ```
 */
export function interpolateValues<T>(value: T, options: { lookup: (name: string) => string | undefined; where?: string }): T {
  const walk = (v: unknown, where: string): unknown => {
    if (typeof v === "string") return interpolate(v, { lookup: options.lookup, where });
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${where}[${i}]`));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, where ? `${where}.${k}` : k)]));
    return v;
  };
  return walk(value, options.where ?? "") as T;
}
