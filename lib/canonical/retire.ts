import { rm, unlink } from "node:fs/promises";
import { removeStack } from "../deploy/undeploy.ts";
import { runCommandOrThrow } from "../exec/command.ts";
import { fsyncPath } from "../fs/atomic.ts";
import { type RetirePlan, retirementItems } from "./retire-plan.ts";
import { updateCanonical } from "./registry.ts";

/**
 * Remove everything `plan` lists, in this order: the stack (waiting until no container
 * remains), its volumes, secrets and configs, the app env file, the snapshot directory, and the
 * registry entry last — so a retire that fails half-way leaves the canonical known to every
 * command and can simply be run again. Returns what was removed. Call it under the recipe's lock.
 *
 * @example
 * ```ts
 * const removed = await executeRetirement(await planRetirement("demo", config), { stateDir });
 * ```
 */
export async function executeRetirement(plan: RetirePlan, options: { stateDir: string; signal?: AbortSignal; onStep?: (message: string) => void }): Promise<string[]> {
  const { signal } = options;
  const docker = (args: string[]) => runCommandOrThrow("docker", args, { signal });
  if (plan.deployed) {
    options.onStep?.(`removing stack ${plan.stack}`);
    await removeStack(plan.stack, { signal, timeoutMs: 300_000 });
  }
  if (plan.volumes.length) await docker(["volume", "rm", ...plan.volumes]);
  if (plan.secrets.length) await docker(["secret", "rm", ...plan.secrets]);
  if (plan.configs.length) await docker(["config", "rm", ...plan.configs]);
  if (plan.appEnv) await unlink(plan.appEnv).catch((e: NodeJS.ErrnoException) => { if (e.code !== "ENOENT") throw e; });
  if (plan.snapshotDir) {
    options.onStep?.(`deleting the known-good under ${plan.snapshotDir}`);
    await rm(plan.snapshotDir, { recursive: true, force: true });
    await fsyncPath(options.stateDir);
  }
  if (plan.registryEntry) await updateCanonical(options.stateDir, plan.recipe, () => undefined);
  return retirementItems(plan);
}
