import { rm } from "node:fs/promises";
import { runCommand } from "../exec/command.ts";
import { delay } from "../runner/wait.ts";
import { assertSnapshotGarbagePath } from "./garbage.ts";
import type { DockerInventory } from "./inventory.ts";
import type { PruneItem } from "./types.ts";

/** Options for {@linkcode executePrune}. */
export interface ExecutePruneOptions {
  stateDir: string;
  inv: DockerInventory;
  signal?: AbortSignal | undefined;
  stackRemovalTimeoutMs: number;
}

/**
 * Carry out the `would-remove` items in a safe order (snapshot temp dirs, stacks, then — once the
 * stacks' containers are gone — volumes, then images), marking each `removed` or `failed`.
 * One failure never stops the rest; cancellation does.
 *
 * @example
 * ```ts
 * await executePrune(items, { stateDir, inv, stackRemovalTimeoutMs: 120_000 });
 * ```
 */
export async function executePrune(items: PruneItem[], options: ExecutePruneOptions): Promise<void> {
  const { signal } = options;
  const todo = (kind: PruneItem["kind"]): PruneItem[] => items.filter((i) => i.kind === kind && i.action === "would-remove");
  const attempt = async (item: PruneItem, fn: () => Promise<void>): Promise<void> => {
    signal?.throwIfAborted();
    try {
      await fn();
      item.action = "removed";
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      item.action = "failed";
      item.error = String((e as Error).message ?? e).slice(0, 500);
    }
  };
  const docker = async (args: string[]): Promise<void> => {
    const res = await runCommand("docker", args, { signal, timeoutMs: 120_000 });
    if (res.failed) throw new Error(`docker ${args.slice(0, 2).join(" ")} failed: ${(res.stderr || res.stdout).trim().slice(-300)}`);
  };
  for (const item of todo("snapshot-tmp")) {
    await attempt(item, async () => {
      await assertSnapshotGarbagePath(options.stateDir, item.name);
      await rm(item.name, { recursive: true, force: true });
    });
  }
  const stacks = todo("stack");
  for (const item of stacks) await attempt(item, () => docker(["stack", "rm", item.name]));
  for (const item of stacks.filter((s) => s.action === "removed")) {
    await attempt(item, () => waitNoContainers(item.name, { signal, timeoutMs: options.stackRemovalTimeoutMs }));
  }
  for (const item of todo("volume")) await attempt(item, () => docker(["volume", "rm", item.name]));
  for (const item of todo("image")) {
    const img = options.inv.images.find((i) => (i.tags[0] ?? i.id) === item.name);
    // Remove by tag (never -f): docker refuses if a container started using it meanwhile.
    await attempt(item, () => docker(["image", "rm", ...(img?.tags.length ? img.tags : [img?.id ?? item.name])]));
  }
}

async function waitNoContainers(stack: string, options: { signal?: AbortSignal | undefined; timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const res = await runCommand("docker", ["ps", "-aq", "--filter", `label=com.docker.stack.namespace=${stack}`], { signal: options.signal });
    if (!res.failed && res.stdout.trim() === "") return;
    if (Date.now() > deadline) throw new Error(`containers of stack ${stack} still present after ${options.timeoutMs} ms`);
    await delay(500, { signal: options.signal });
  }
}
