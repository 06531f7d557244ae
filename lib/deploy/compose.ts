/**
 * The recipe's compose files as Docker sees them: the `COMPOSE_FILE` overlay list, rendered
 * (merged and interpolated) by `docker stack config`, and what cc-warm reads from it.
 * @module
 */
import { InputError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/mod.ts";
import { loadCompose } from "./compose-load.ts";
import { readRenderedCompose } from "./compose-read.ts";
import { checkDocker } from "./docker-version.ts";

/** The parts of a rendered compose file cc-warm reads. */
export interface RenderedCompose {
  services: Record<string, { volumes?: { type?: string; source?: string; target?: string }[]; deploy?: { labels?: Record<string, string> } }>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { name?: string; external?: boolean | string }>;
  /** The rendered YAML text (hash it for the MANIFEST). */
  text: string;
}

/**
 * The compose files an app uses: `COMPOSE_FILE` split on `:` (default `compose.yml`), each
 * checked to be a plain relative file name.
 *
 * @example
 * ```ts
 * composeFiles({ COMPOSE_FILE: "compose.yml:compose.cache.yml" }); // ["compose.yml", "compose.cache.yml"]
 * ```
 */
export function composeFiles(env: Record<string, string>): string[] {
  const files = (env.COMPOSE_FILE || "compose.yml").split(":").filter(Boolean);
  for (const f of files) {
    if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(f) || f.split("/").includes("..")) {
      throw new InputError("COMPOSE_FILE", `${JSON.stringify(f)} is not a relative compose file name`);
    }
  }
  return files;
}

/**
 * Render the merged, interpolated compose: with `docker stack config` (the Docker CLI's own
 * loader, exactly what `docker stack deploy` deploys) where the client has it (CLI 23+), else
 * with cc-warm's own loader ({@linkcode loadCompose}, proven equal on the recipe corpus).
 * `stackConfig` overrides the detection (tests compare the two).
 *
 * @example
 * ```ts
 * const c = await renderCompose("/tmp/recipe", { env: { STACK_NAME: "x", COMPOSE_FILE: "compose.yml" } });
 * ```
 */
export async function renderCompose(dir: string, options: { env: Record<string, string>; signal?: AbortSignal; stackConfig?: boolean }): Promise<RenderedCompose> {
  const files = composeFiles(options.env);
  if (!(options.stackConfig ?? (await checkDocker({ signal: options.signal })).stackConfig)) return loadCompose(dir, { files, env: options.env });
  const args = ["stack", "config", ...files.flatMap((f) => ["-c", f])];
  const res = await runCommandOrThrow("docker", args, { cwd: dir, env: options.env, signal: options.signal });
  return readRenderedCompose(res.stdout, { source: "docker stack config" });
}

/**
 * Mounts whose data would live in an anonymous volume (`type: volume` with no source): they are
 * deleted on `docker service scale x=0` (moby#37517), so such apps are refused.
 *
 * @example
 * ```ts
 * anonymousVolumes(rendered); // [{ service: "db", target: "/var/lib/db" }]
 * ```
 */
export function anonymousVolumes(compose: Pick<RenderedCompose, "services">): { service: string; target: string }[] {
  const out: { service: string; target: string }[] = [];
  for (const [service, spec] of Object.entries(compose.services ?? {})) {
    for (const v of spec?.volumes ?? []) {
      if ((v.type ?? "volume") === "volume" && !v.source) out.push({ service, target: v.target ?? "?" });
    }
  }
  return out;
}

/**
 * Volumes excluded from backups by a service label `backupbot.backup.volumes.<vol>=false`.
 *
 * @example
 * ```ts
 * excludedVolumes({ "backupbot.backup.volumes.cache": "false" }); // Set {"cache"}
 * ```
 */
export function excludedVolumes(labels: Record<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    const m = /^backupbot\.backup\.volumes\.([^.]+)$/.exec(k);
    if (m && String(v).toLowerCase() === "false") out.add(m[1]!);
  }
  return out;
}

/**
 * All deploy labels of all services in a rendered compose, merged (backupbot reads them per
 * stack, whichever service carries them).
 *
 * @example
 * ```ts
 * excludedVolumes(composeLabels(rendered));
 * ```
 */
export function composeLabels(compose: Pick<RenderedCompose, "services">): Record<string, string> {
  return Object.assign({}, ...Object.values(compose.services ?? {}).map((s) => s?.deploy?.labels ?? {}));
}
