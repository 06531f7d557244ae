import { randomInt } from "node:crypto";
import { InputError } from "../errors.ts";
import { CommandError, runCommand, runCommandOrThrow } from "../exec/mod.ts";
import type { EnvFile } from "./dotenv.ts";
import type { RenderedCompose } from "./compose.ts";

/** Label on secrets cc-warm generated (not the stack namespace: `docker stack rm` would delete them). */
export const SECRET_OWNER_LABEL = "cc-warm.stack";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** What {@linkcode ensureSecrets} did, by Docker secret name (values are never returned). */
export interface SecretsReport {
  created: string[];
  existing: string[];
}

/**
 * Create the app's external versioned secrets that do not exist yet, as abra does before a first
 * deploy: for each external secret `<s>` in the compose with `SECRET_<S>_VERSION` in the env, a
 * random value (`# length=N`, default 32) piped to `docker secret create` on stdin (never argv).
 * Existing secrets are reused, so data encrypted with them stays readable.
 *
 * @example
 * ```ts
 * await ensureSecrets("demo_ci_local", { compose, env });
 * ```
 */
export async function ensureSecrets(stack: string, options: { compose: Pick<RenderedCompose, "secrets">; env: EnvFile; signal?: AbortSignal }): Promise<SecretsReport> {
  const report: SecretsReport = { created: [], existing: [] };
  for (const [key, spec] of Object.entries(options.compose.secrets ?? {})) {
    const envKey = `SECRET_${key.toUpperCase().replace(/-/g, "_")}_VERSION`;
    if (!spec?.external || !spec.name || options.env.values[envKey] === undefined) continue;
    if (spec.name.length > 64) throw new InputError(envKey, `secret name ${spec.name} is longer than Swarm's 64 characters`);
    const exists = await runCommand("docker", ["secret", "inspect", "--format", "{{.ID}}", spec.name], { signal: options.signal });
    if (!exists.failed) {
      report.existing.push(spec.name);
      continue;
    }
    const mods = options.env.modifiers[envKey] ?? {};
    if (mods.generate === "false") continue;
    const length = Number(mods.length ?? 32);
    if (!Number.isInteger(length) || length < 1 || length > 4096) throw new InputError(envKey, `length=${mods.length} must be an integer from 1 to 4096`);
    const value = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    const res = await runCommand("docker", ["secret", "create", "--label", `${SECRET_OWNER_LABEL}=${stack}`, spec.name, "-"], { input: value, signal: options.signal });
    // Another run may have created it between inspect and create: that one wins, and is reused.
    if (res.failed && !/already exists/i.test(res.stderr)) throw new CommandError(res);
    (res.failed ? report.existing : report.created).push(spec.name);
  }
  return report;
}

/**
 * Remove the secrets cc-warm generated for a stack (cold teardown; never for a canonical).
 *
 * @example
 * ```ts
 * await removeGeneratedSecrets("ccw-test-deploy-ab12");
 * ```
 */
export async function removeGeneratedSecrets(stack: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const ls = await runCommandOrThrow("docker", ["secret", "ls", "-q", "--filter", `label=${SECRET_OWNER_LABEL}=${stack}`], { signal: options.signal });
  const ids = ls.stdout.split("\n").filter(Boolean);
  if (ids.length) await runCommandOrThrow("docker", ["secret", "rm", ...ids], { signal: options.signal });
  return ids;
}
