import { writeFileAtomic } from "../fs/atomic.ts";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { parseInput } from "../validate/parse.ts";
import { domainSchema } from "../validate/names.ts";
import { type EnvFile, parseEnvFile } from "./dotenv.ts";

/**
 * Where the docker-stack deployer keeps an app's env file: `<stateDir>/apps/<domain>.env`,
 * mirroring abra's `~/.abra/servers/<server>/<domain>.env`.
 *
 * @example
 * ```ts
 * appEnvPath("/var/lib/ci-warm", "warm-demo.ci.local"); // "/var/lib/ci-warm/apps/warm-demo.ci.local.env"
 * ```
 */
export function appEnvPath(stateDir: string, domain: string): string {
  return join(stateDir, "apps", `${parseInput("domain", domainSchema, domain)}.env`);
}

/**
 * Create the app env file from the recipe's `.env.sample` (with `DOMAIN` set) unless it exists,
 * as `abra app new` does. Written to a temp file and renamed, so readers never see half a file.
 * Returns the path.
 *
 * @example
 * ```ts
 * const path = await ensureAppEnvFile("/tmp/recipe", { path: "/tmp/s/apps/d.ci.local.env", domain: "d.ci.local" });
 * ```
 */
export async function ensureAppEnvFile(recipeDir: string, options: { path: string; domain: string }): Promise<string> {
  if (existsSync(options.path)) return options.path;
  let sample: string;
  try {
    sample = await readFile(join(recipeDir, ".env.sample"), "utf8");
  } catch (cause) {
    throw new InputError("recipe", `${recipeDir} has no .env.sample`, { cause });
  }
  const line = `DOMAIN=${options.domain}`;
  const text = /^\s*#?\s*DOMAIN=.*$/m.test(sample) ? sample.replace(/^\s*#?\s*DOMAIN=.*$/m, line) : `${line}\n${sample}`;
  await mkdir(join(options.path, ".."), { recursive: true });
  await writeFileAtomic(options.path, text, { mode: 0o600 });
  return options.path;
}

/**
 * Read an app's full environment for a deploy: the env file, then the recipe's `abra.sh`
 * `export` lines (config versions live there), with `STACK_NAME` set and `extra` (e.g. OIDC
 * credentials, never written to disk) applied last. `text`: the env file's text as this deploy
 * sees it (e.g. with an upgrade's added keys), instead of reading `path`.
 *
 * @example
 * ```ts
 * const env = await loadAppEnv("/tmp/s/apps/d.ci.local.env", { stack: "d_ci_local", recipeDir: "/tmp/recipe" });
 * ```
 */
export async function loadAppEnv(path: string, options: { stack: string; recipeDir?: string; extra?: Record<string, string>; text?: string }): Promise<EnvFile> {
  const base = { STACK_NAME: options.stack };
  const env = parseEnvFile(options.text ?? (await readFile(path, "utf8")), { base });
  const abraSh = options.recipeDir ? join(options.recipeDir, "abra.sh") : undefined;
  if (abraSh && existsSync(abraSh)) {
    const exported = (await readFile(abraSh, "utf8")).split("\n").filter((l) => /^\s*export\s+[A-Za-z_]\w*=/.test(l)).join("\n");
    const extraVars = parseEnvFile(exported, { base: { ...base, ...env.values } });
    for (const [k, v] of Object.entries(extraVars.values)) if (!(k in env.values)) env.values[k] = v;
  }
  Object.assign(env.values, options.extra ?? {}, base);
  return env;
}
