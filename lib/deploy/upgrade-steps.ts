/**
 * What an operator does before upgrading an existing app to a newer recipe ref: add the env keys
 * the ref's `.env.sample` has and the app env lacks (with the sample's values and comments such
 * as `# length=64`), so that the secrets they name get generated. Values already in the app env
 * are never changed.
 * @module
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../fs/atomic.ts";

/** What an upgrade had to add to the app (names only, never values). */
export interface UpgradeSteps {
  /** Env keys taken from the ref's `.env.sample`. */
  addedEnv: string[];
  /** Secrets generated for the upgrade (compose names, e.g. `api_key_v1`). */
  generatedSecrets: string[];
}

const KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
const COMMENTED_KEY = /^\s*#\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/**
 * The `.env.sample` lines whose keys the app env has neither set nor commented out (an operator
 * who commented a key out meant it), in the sample's order; a quoted value spanning lines is
 * taken whole. Pure.
 *
 * @example
 * ```ts
 * missingSampleEnv("A=1\n#B=2\n", "A=9\nB=2\nSECRET_K_VERSION=v1 # length=64\n");
 * // { keys: ["SECRET_K_VERSION"], text: "SECRET_K_VERSION=v1 # length=64\n" }
 * ```
 */
export function missingSampleEnv(appEnvText: string, sampleText: string): { keys: string[]; text: string } {
  const known = new Set<string>();
  for (const line of appEnvText.split(/\r?\n/)) {
    const m = KEY.exec(line) ?? COMMENTED_KEY.exec(line);
    if (m) known.add(m[1]!);
  }
  const keys: string[] = [];
  const out: string[] = [];
  const lines = sampleText.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i]!);
    if (!m) continue;
    const end = quotedValueEnd(lines, i, m[0].length);
    if (!known.has(m[1]!)) {
      known.add(m[1]!);
      keys.push(m[1]!);
      out.push(...lines.slice(i, end + 1));
    }
    i = end;
  }
  return { keys, text: out.length ? `${out.join("\n")}\n` : "" };
}

/** The index of the line where a value opened by a quote on line `i` closes (`i` when unquoted). */
function quotedValueEnd(lines: string[], i: number, valueStart: number): number {
  const rest = lines[i]!.slice(valueStart).trimStart();
  const q = rest[0];
  if (q !== '"' && q !== "'") return i;
  const closes = (s: string, from: number) => {
    for (let k = from; k < s.length; k++) {
      if (q === '"' && s[k] === "\\") k++;
      else if (s[k] === q) return true;
    }
    return false;
  };
  if (closes(rest, 1)) return i;
  for (let j = i + 1; j < lines.length; j++) if (closes(lines[j]!, 0)) return j;
  return i;
}

/**
 * The app env text with the missing sample lines appended under a comment saying where they
 * came from (unchanged when nothing is missing).
 *
 * @example
 * ```ts
 * const { text, keys } = withSampleEnv(envText, sampleText, "v2");
 * ```
 */
export function withSampleEnv(appEnvText: string, sampleText: string, ref: string): { keys: string[]; text: string } {
  const missing = missingSampleEnv(appEnvText, sampleText);
  if (!missing.keys.length) return { keys: [], text: appEnvText };
  const sep = appEnvText === "" || appEnvText.endsWith("\n") ? "" : "\n";
  return { keys: missing.keys, text: `${appEnvText}${sep}\n# Added from ${ref}'s .env.sample by cc-warm's upgrade (as an operator would)\n${missing.text}` };
}

/**
 * Apply {@linkcode withSampleEnv} to an app's env file with the ref's `.env.sample` text (""
 * when the recipe has none: nothing is added); with `persist` the file is rewritten atomically
 * (mode 0600). Returns the added keys and the env text this deploy should use.
 *
 * @example
 * ```ts
 * const { keys, text } = await upgradeAppEnv("/s/apps/d.ci.local.env", sampleText, { ref: "v2", persist: true });
 * ```
 */
export async function upgradeAppEnv(envFile: string, sampleText: string, options: { ref: string; persist: boolean }): Promise<{ keys: string[]; text: string }> {
  const next = withSampleEnv(await readFile(envFile, "utf8"), sampleText, options.ref);
  if (next.keys.length && options.persist) await writeFileAtomic(envFile, next.text, { mode: 0o600 });
  return next;
}

/**
 * The secrets an added env key names, as `<secret>_<version>` (from `SECRET_<S>_VERSION=<v>`).
 *
 * @example
 * ```ts
 * secretsOfAddedKeys(["SECRET_API_KEY_VERSION", "GREETING"], { SECRET_API_KEY_VERSION: "v1" }); // ["api_key_v1"]
 * ```
 */
export function secretsOfAddedKeys(keys: readonly string[], values: Record<string, string>): string[] {
  return keys.flatMap((k) => {
    const m = /^SECRET_(.+)_VERSION$/.exec(k);
    return m && values[k] ? [`${m[1]!.toLowerCase()}_${values[k]}`] : [];
  });
}

/**
 * Docker secret names as the result shows them: without the stack's prefix.
 *
 * @example
 * ```ts
 * secretShortNames(["st_api_key_v1"], "st"); // ["api_key_v1"]
 * ```
 */
export function secretShortNames(names: readonly string[], stack: string): string[] {
  return names.map((n) => (n.startsWith(`${stack}_`) ? n.slice(stack.length + 1) : n));
}

/**
 * The human summary's note on upgrade steps: "" when there were none.
 *
 * @example
 * ```ts
 * describeUpgradeSteps({ addedEnv: ["SMTP_HOST"], generatedSecrets: ["api_key_v1"] });
 * // "upgrade steps: added env SMTP_HOST; generated secrets api_key_v1"
 * ```
 */
export function describeUpgradeSteps(steps: UpgradeSteps | undefined): string {
  if (!steps) return "";
  const parts = [steps.addedEnv.length ? `added env ${steps.addedEnv.join(", ")}` : "", steps.generatedSecrets.length ? `generated secrets ${steps.generatedSecrets.join(", ")}` : ""].filter(Boolean);
  return parts.length ? `upgrade steps: ${parts.join("; ")}` : "";
}
