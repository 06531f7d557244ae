import { InfraError } from "../errors.ts";
import { runCommand } from "../exec/command.ts";
import { z } from "zod";
import { describeIssues } from "../validate/parse.ts";

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

// Only the fields prune reads. A Docker that answers in another shape must stop prune with an
// error naming the field, not let it judge by `undefined` what is in use.
const labels = z.record(z.string(), z.string()).nullish();
const svcSchema = z.object({
  CreatedAt: z.string(),
  UpdatedAt: z.string(),
  Spec: z.object({
    Name: z.string(),
    Labels: labels,
    TaskTemplate: z.object({ ContainerSpec: z.object({ Image: z.string(), Mounts: z.array(z.object({ Type: z.string(), Source: z.string().optional() })).nullish() }) }),
  }),
});
const ctrSchema = z.object({ Id: z.string(), Image: z.string(), Config: z.object({ Labels: labels }), Mounts: z.array(z.object({ Type: z.string(), Name: z.string().optional() })).nullish() });
const volSchema = z.object({ Name: z.string(), CreatedAt: z.string(), Mountpoint: z.string(), Labels: labels });
const imgSchema = z.object({ Id: z.string(), RepoTags: z.array(z.string()).nullish(), RepoDigests: z.array(z.string()).nullish(), Created: z.string(), Size: z.number() });

async function inspectAll<T>(kind: string[], ids: string[], schema: z.ZodType<T>, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const text = await docker([...kind, ...ids.slice(i, i + 200)], signal);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new InfraError(`docker ${kind.join(" ")} printed something that is not JSON`, { cause });
    }
    const parsed = z.array(schema).safeParse(json);
    if (!parsed.success) throw new InfraError(`docker ${kind.join(" ")} answered in an unexpected shape (${describeIssues(parsed.error.issues)}); check the Docker engine version`);
    out.push(...parsed.data);
  }
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
  const svcIds = lines(await docker(["service", "ls", "-q"], signal));
  const ctrIds = lines(await docker(["ps", "-aq", "--no-trunc"], signal));
  const volNames = lines(await docker(["volume", "ls", "-q"], signal));
  const imgIds = lines(await docker(["image", "ls", "-aq", "--no-trunc"], signal));
  const services = (await inspectAll(["service", "inspect"], svcIds, svcSchema, signal)).map((s) => ({
    name: s.Spec.Name,
    stack: s.Spec.Labels?.[NS],
    createdAt: s.CreatedAt,
    updatedAt: s.UpdatedAt,
    image: s.Spec.TaskTemplate.ContainerSpec.Image,
    volumes: (s.Spec.TaskTemplate.ContainerSpec.Mounts ?? []).filter((m) => m.Type === "volume" && m.Source).map((m) => m.Source!),
  }));
  const containers = (await inspectAll(["container", "inspect"], ctrIds, ctrSchema, signal)).map((c) => ({
    id: c.Id,
    stack: c.Config.Labels?.[NS],
    imageId: c.Image,
    volumes: (c.Mounts ?? []).filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name!),
  }));
  const volumes = (await inspectAll(["volume", "inspect"], volNames, volSchema, signal)).map((v) => ({
    name: v.Name,
    stack: v.Labels?.[NS],
    createdAt: v.CreatedAt,
    mountpoint: v.Mountpoint,
  }));
  const images = (await inspectAll(["image", "inspect"], imgIds, imgSchema, signal)).map((i) => ({
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((t) => t !== "<none>:<none>"),
    digests: i.RepoDigests ?? [],
    created: i.Created,
    bytes: i.Size,
  }));
  return { services, containers, volumes, images };
}
