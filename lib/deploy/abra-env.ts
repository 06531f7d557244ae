import { readFile } from "node:fs/promises";
import { InputError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLAIN = /^[A-Za-z0-9_.:/@%+,=-]*$/;

/** One `KEY=value` line as the dotenv reader abra uses takes it literally (never echoes `value`). */
function envLine(key: string, value: string): string {
  if (!KEY.test(key)) throw new InputError("env", `${JSON.stringify(key.slice(0, 40))} is not an env variable name`);
  if (PLAIN.test(value)) return `${key}=${value}`;
  // Single quotes are literal in dotenv; a value with a quote or a line break cannot be written safely.
  if (/['\n\r\0]/.test(value)) throw new InputError("env", `the value of ${key} has a quote or line break and cannot go into the app's .env`);
  return `${key}='${value}'`;
}

/**
 * Set `values` in an app's `.env` (replacing a key's existing line, else appending), written
 * atomically with mode 0600. This is how extra app env (e.g. an SSO recipe's OIDC client id,
 * secret and issuer) reaches abra, which interpolates compose variables from the app's `.env`
 * and not from its own process environment. Returns the keys written (names only).
 *
 * @example
 * ```ts
 * await setAppEnvValues("/root/.abra/servers/default/docs.ci.local.env", { OIDC_CLIENT_ID: "docs" });
 * ```
 */
export async function setAppEnvValues(path: string, values: Record<string, string>): Promise<string[]> {
  const wanted = new Map(Object.entries(values).map(([k, v]) => [k, envLine(k, v)]));
  const lines = (await readFile(path, "utf8")).split("\n");
  const seen = new Set<string>();
  const out = lines.map((line) => {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (!key || !wanted.has(key)) return line;
    seen.add(key);
    return wanted.get(key)!;
  });
  if (out.at(-1) === "") out.pop();
  for (const [key, line] of wanted) if (!seen.has(key)) out.push(line);
  await writeFileAtomic(path, `${out.join("\n")}\n`, { mode: 0o600 });
  return [...wanted.keys()];
}
