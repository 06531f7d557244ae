import { InfraError } from "../errors.ts";
import { runCommand } from "../exec/command.ts";

const NS = "com.docker.stack.namespace";

/** What prune needs to know about Docker, gathered in a handful of batched calls. */
export interface DockerInventory {
  services: { name: string; stack: string | undefined; createdAt: string; updatedAt: string; image: string; volumes: string[] }[];
  containers: { id: string; stack: string | undefined; imageId: string; volumes: string[] }[];
  volumes: { name: string; stack: string | undefined; createdAt: string; mountpoint: string }[];
  images: { id: string; tags: string[]; digests: string[]; created: string; bytes: number }[];
}

async function docker(args: string[], signal?: AbortSignal): Promise<string> {
  const res = await runCommand("docker", args, { signal, timeoutMs: 120_000 });
  if (res.isCanceled && signal?.aborted) throw signal.reason;
  // `inspect` of many ids exits 1 if one vanished meanwhile, but still prints the others.
  if (res.failed && !res.stdout.trim().startsWith("[")) throw new InfraError(`docker ${args.slice(0, 3).join(" ")} failed: ${res.stderr.trim().slice(-300)}`);
  return res.stdout;
}

async function inspectAll<T>(kind: string[], ids: string[], signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 200) out.push(...(JSON.parse(await docker([...kind, ...ids.slice(i, i + 200)], signal)) as T[]));
  return out;
}

const lines = (s: string): string[] => [...new Set(s.split("\n").map((l) => l.trim()).filter(Boolean))];

/**
 * Read services, containers, volumes and images from the local Docker engine.
 *
 * @example
 * ```ts
 * const inv = await readDockerInventory({});
 * console.log(inv.volumes.length);
 * ```
 */
export async function readDockerInventory(options: { signal?: AbortSignal }): Promise<DockerInventory> {
  const { signal } = options;
  type Svc = { CreatedAt: string; UpdatedAt: string; Spec: { Name: string; Labels?: Record<string, string>; TaskTemplate: { ContainerSpec: { Image: string; Mounts?: { Type: string; Source?: string }[] } } } };
  type Ctr = { Id: string; Image: string; Config: { Labels?: Record<string, string> }; Mounts?: { Type: string; Name?: string }[] };
  type Vol = { Name: string; CreatedAt: string; Mountpoint: string; Labels?: Record<string, string> | null };
  type Img = { Id: string; RepoTags?: string[]; RepoDigests?: string[]; Created: string; Size: number };
  const svcIds = lines(await docker(["service", "ls", "-q"], signal));
  const ctrIds = lines(await docker(["ps", "-aq", "--no-trunc"], signal));
  const volNames = lines(await docker(["volume", "ls", "-q"], signal));
  const imgIds = lines(await docker(["image", "ls", "-aq", "--no-trunc"], signal));
  const services = (await inspectAll<Svc>(["service", "inspect"], svcIds, signal)).map((s) => ({
    name: s.Spec.Name,
    stack: s.Spec.Labels?.[NS],
    createdAt: s.CreatedAt,
    updatedAt: s.UpdatedAt,
    image: s.Spec.TaskTemplate.ContainerSpec.Image,
    volumes: (s.Spec.TaskTemplate.ContainerSpec.Mounts ?? []).filter((m) => m.Type === "volume" && m.Source).map((m) => m.Source!),
  }));
  const containers = (await inspectAll<Ctr>(["container", "inspect"], ctrIds, signal)).map((c) => ({
    id: c.Id,
    stack: c.Config.Labels?.[NS],
    imageId: c.Image,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name!),
  }));
  const volumes = (await inspectAll<Vol>(["volume", "inspect"], volNames, signal)).map((v) => ({
    name: v.Name,
    stack: v.Labels?.[NS],
    createdAt: v.CreatedAt,
    mountpoint: v.Mountpoint,
  }));
  const images = (await inspectAll<Img>(["image", "inspect"], imgIds, signal)).map((i) => ({
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((t) => t !== "<none>:<none>"),
    digests: i.RepoDigests ?? [],
    created: i.Created,
    bytes: i.Size,
  }));
  return { services, containers, volumes, images };
}
