/**
 * The app env file as abra reads it: dotenv with `$VAR`/`${VAR}`/`${VAR:-default}` expansion,
 * quotes, `export ` prefixes and inline `# comments` whose `key=value` words are modifiers
 * (`SECRET_X_VERSION=v1 # length=32`).
 * @module
 */
import { InputError } from "../errors.ts";

/** A parsed env file: values in order, plus the modifiers found in inline comments. */
export interface EnvFile {
  values: Record<string, string>;
  /** Per key, the `k=v` words of its inline comment (e.g. `{ length: "32" }`). */
  modifiers: Record<string, Record<string, string>>;
}

/**
 * Expand `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty) and `${VAR-default}` (unset);
 * defaults may themselves hold `${…}`.
 *
 * @example
 * ```ts
 * expandVars("$A:x.yml", (k) => ({ A: "compose.yml" })[k]); // "compose.yml:x.yml"
 * ```
 */
export function expandVars(text: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const bare = text[i] === "$" ? /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i)) : null;
    if (bare) {
      out += lookup(bare[1]!) ?? "";
      i += bare[0].length - 1;
      continue;
    }
    if (text[i] !== "$" || text[i + 1] !== "{") {
      out += text[i];
      continue;
    }
    let depth = 0;
    let end = i + 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([\s\S]*))?$/.exec(text.slice(i + 2, end));
    if (!m || end >= text.length) {
      out += text[i];
      continue;
    }
    const v = lookup(m[1]!);
    const useDefault = m[2] === ":-" ? v === undefined || v === "" : m[2] === "-" ? v === undefined : false;
    out += useDefault ? expandVars(m[3] ?? "", lookup) : (v ?? "");
    i = end;
  }
  return out;
}

function parseModifiers(comment: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of comment.matchAll(/([A-Za-z_][\w-]*)=(\S+)/g)) out[m[1]!] = m[2]!;
  return out;
}

/**
 * Parse env-file text. Later keys may refer to earlier ones; `base` is consulted for names the
 * file has not defined (e.g. `STACK_NAME`). Single-quoted values are literal; quoted values may
 * span lines; an unclosed quote is an `InputError` naming the key and line (never a value cut
 * short). Hand-written rather than the `dotenv` package: that one drops the inline comments
 * abra reads hints from (`# length=64 charset=hex`) and does not expand `$VAR` like abra.
 *
 * @example
 * ```ts
 * const env = parseEnvFile('COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.x.yml"\n');
 * env.values.COMPOSE_FILE; // "compose.yml:compose.x.yml"
 * ```
 */
export function parseEnvFile(text: string, options: { base?: Record<string, string | undefined> } = {}): EnvFile {
  const values: Record<string, string> = {};
  const modifiers: Record<string, Record<string, string>> = {};
  const lookup = (k: string) => (k in values ? values[k] : options.base?.[k]);
  const lines = text.split(/\r?\n/);
  for (let no = 0; no < lines.length; no++) {
    const line = lines[no]!.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    let rest = m[2]!;
    let value: string;
    let comment = "";
    const q = rest[0];
    if (q === '"' || q === "'") {
      // A quoted value runs to its closing quote, across lines (godotenv, which abra uses, does).
      const first = no;
      let end = findClosingQuote(rest, q);
      while (end < 0 && no + 1 < lines.length) {
        rest += "\n" + lines[++no]!.replace(/\s+$/, "");
        end = findClosingQuote(rest, q);
      }
      if (end < 0) throw new InputError(key, `line ${first + 1}: the ${q === '"' ? "double" : "single"}-quoted value has no closing quote`);
      const inner = rest.slice(1, end);
      rest = rest.slice(end + 1);
      comment = /^\s*#(.*)$/.exec(rest)?.[1] ?? "";
      value = q === "'" ? inner : unescapeDouble(inner, lookup);
    } else {
      const hash = rest.search(/(^|\s)#/);
      if (hash >= 0) {
        comment = rest.slice(hash).replace(/^\s*#/, "");
        rest = rest.slice(0, hash);
      }
      value = expandVars(rest.trim(), lookup);
    }
    values[key] = value;
    const mods = parseModifiers(comment);
    if (Object.keys(mods).length) modifiers[key] = mods;
    else delete modifiers[key];
  }
  return { values, modifiers };
}

function findClosingQuote(s: string, q: string): number {
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === "\\") i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

/** `\$` stays a literal `$`; the other escapes are unescaped after expansion. */
function unescapeDouble(s: string, lookup: (name: string) => string | undefined): string {
  const expanded = expandVars(s.replace(/\\\$/g, "\u0000"), lookup);
  return expanded.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c).replace(/\u0000/g, "$");
}
