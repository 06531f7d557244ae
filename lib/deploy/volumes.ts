import { z } from "zod";
import { InfraError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/mod.ts";
import { describeIssues } from "../validate/parse.ts";

// The fields of `docker volume inspect` that snapshot and restore rely on: a missing mountpoint
// must stop them with a clear error, not send a copy to `undefined`.
const volumeInspectSchema = z.array(z.object({ Name: z.string().min(1), Mountpoint: z.string().min(1), Labels: z.record(z.string(), z.string()).nullish() }));

/** A named volume of an app, as Docker reports it. */
export interface AppVolume {
  /** The compose name (`data`), i.e. the Docker name without the `<stack>_` prefix. */
  name: string;
  /** The Docker volume name (`<stack>_data`). */
  dockerName: string;
  /** Where the data is, from `docker volume inspect` (never a hard-coded path). */
  mountpoint: string;
  /** Excluded from backups/snapshots by `backupbot.backup.volumes.<name>=false`. */
  excluded: boolean;
  labels: Record<string, string>;
}

/**
 * The stack's named volumes (label `com.docker.stack.namespace=<stack>`, which survives
 * `docker stack rm`), with mountpoints, sorted by name; `excluded` names are marked.
 *
 * @example
 * ```ts
 * const vols = await listStackVolumes("demo_ci_local", { excluded: new Set(["cache"]) });
 * ```
 */
export async function listStackVolumes(stack: string, options: { excluded?: ReadonlySet<string>; signal?: AbortSignal } = {}): Promise<AppVolume[]> {
  const { signal } = options;
  const names = (await runCommandOrThrow("docker", ["volume", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`], { signal })).stdout.split("\n").filter(Boolean);
  if (!names.length) return [];
  const text = (await runCommandOrThrow("docker", ["volume", "inspect", ...names], { signal })).stdout;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InfraError(`docker volume inspect printed something that is not JSON`, { cause });
  }
  const parsed = volumeInspectSchema.safeParse(json);
  if (!parsed.success) throw new InfraError(`docker volume inspect answered in an unexpected shape (${describeIssues(parsed.error.issues)}); check the Docker engine version`);
  const info = parsed.data;
  return info
    .map((v) => {
      const name = v.Name.startsWith(`${stack}_`) ? v.Name.slice(stack.length + 1) : v.Name;
      return { name, dockerName: v.Name, mountpoint: v.Mountpoint, excluded: options.excluded?.has(name) ?? false, labels: v.Labels ?? {} };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
