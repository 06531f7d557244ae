import { InputError } from "../errors.ts";
import { CommandError, runCommand, runCommandOrThrow } from "../exec/mod.ts";
import type { EnvFile } from "./dotenv.ts";
import type { RenderedCompose } from "./compose.ts";
import { secretValue } from "./secret-value.ts";

/** Label on secrets cc-warm generated (not the stack namespace: `docker stack rm` would delete them). */
export const SECRET_OWNER_LABEL = "cc-warm.stack";

/** What {@linkcode ensureSecrets} did, by Docker secret name (values are never returned). */
export interface SecretsReport {
  created: string[];
  existing: string[];
}

/**
 * Create the app's external versioned secrets that do not exist yet, as abra does before a first
 * deploy: for each external secret `<s>` in the compose with `SECRET_<S>_VERSION` in the env, a
 * random value ({@linkcode secretValue}: `# length=N charset=…`) piped to `docker secret create` on stdin (never argv).
 * Existing secrets are reused, so data encrypted with them stays readable.
 *
 * @example
 * ```ts
 * await ensureSecrets("demo_ci_local", { compose, env });
 * ```
 */
export async function ensureSecrets(stack: string, options: { compose: Pick<RenderedCompose, "secrets">; env: EnvFile; signal?: AbortSignal }): Promise<SecretsReport> {
  const report: SecretsReport = { created: [], existing: [] };
  // Every name and hint is checked before the first secret is created (bad input: no side effect).
  const wanted: { name: string; envKey: string; mods: Record<string, string> }[] = [];
  for (const [key, spec] of Object.entries(options.compose.secrets ?? {})) {
    const envKey = `SECRET_${key.toUpperCase().replace(/-/g, "_")}_VERSION`;
    if (String(spec?.external) !== "true" || !spec?.name || options.env.values[envKey] === undefined) continue;
    if (spec.name.length > 64) throw new InputError(envKey, `secret name ${spec.name} is longer than Swarm's 64 characters`);
    const mods = options.env.modifiers[envKey] ?? {};
    if (mods.generate !== "false") secretValue(envKey, mods);
    wanted.push({ name: spec.name, envKey, mods });
  }
  for (const { name, envKey, mods } of wanted) {
    const exists = await runCommand("docker", ["secret", "inspect", "--format", "{{.ID}}", name], { signal: options.signal });
    if (!exists.failed) {
      report.existing.push(name);
      continue;
    }
    if (mods.generate === "false") continue;
    const value = secretValue(envKey, mods);
    const res = await runCommand("docker", ["secret", "create", "--label", `${SECRET_OWNER_LABEL}=${stack}`, name, "-"], { input: value, signal: options.signal });
    // Another run may have created it between inspect and create: that one wins, and is reused.
    if (res.failed && !/already exists/i.test(res.stderr)) throw new CommandError(res);
    (res.failed ? report.existing : report.created).push(name);
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
