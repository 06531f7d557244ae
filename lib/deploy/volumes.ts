import { runCommandOrThrow } from "../exec/mod.ts";

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
  const info = JSON.parse((await runCommandOrThrow("docker", ["volume", "inspect", ...names], { signal })).stdout) as { Name: string; Mountpoint: string; Labels: Record<string, string> | null }[];
  return info
    .map((v) => {
      const name = v.Name.startsWith(`${stack}_`) ? v.Name.slice(stack.length + 1) : v.Name;
      return { name, dockerName: v.Name, mountpoint: v.Mountpoint, excluded: options.excluded?.has(name) ?? false, labels: v.Labels ?? {} };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
