/**
 * The `adopt` promotion strategy: the green cold app's data becomes the canonical's. Only safe
 * for apps that do not store their own domain in their data (see docs/promotion.md): the cold
 * app ran at another domain than `warm-<recipe>.<ciDomain>`.
 * @module
 */
import type { AppRef, Deployer } from "../deploy/types.ts";
import { stackIsDeployed } from "../deploy/stack-common.ts";
import { stackNameFromDomain } from "../deploy/stack-name.ts";
import { listStackVolumes } from "../deploy/volumes.ts";
import { InfraError } from "../errors.ts";
import { runCommandOrThrow } from "../exec/command.ts";
import { copyTree } from "../volumes/copy.ts";
import { assertNoContainerMounts } from "../volumes/preflight.ts";
import { clearCanonical } from "./volumes.ts";

/** Options for {@linkcode adoptColdVolumes}. */
export interface AdoptOptions {
  stateDir: string;
  signal?: AbortSignal;
  onStep?: (message: string) => void;
}

/**
 * Copy the volumes of the undeployed green cold app at `coldDomain` into the canonical's
 * volumes (`<canonical stack>_<name>`, created fresh and labelled as the canonical stack's).
 * Refuses while the cold app is deployed or a container mounts its volumes. The canonical is
 * undeployed first and marked dirty before its volumes are touched; the known-good is not
 * touched. Returns the canonical volume names written.
 *
 * @example
 * ```ts
 * await adoptColdVolumes(deployer, app, "demo-pr0-1a2b.ci.example.org", { stateDir });
 * ```
 */
export async function adoptColdVolumes(deployer: Deployer, app: AppRef, coldDomain: string, options: AdoptOptions): Promise<string[]> {
  const { signal } = options;
  const coldStack = stackNameFromDomain(coldDomain);
  if (coldStack === app.stack) throw new InfraError(`cold-domain ${coldDomain} is the canonical itself`);
  if (await stackIsDeployed(coldStack, { signal })) throw new InfraError(`the cold app ${coldDomain} is still deployed: undeploy it (keeping its volumes) before adopting its data`);
  const cold = await listStackVolumes(coldStack, { signal });
  if (!cold.length) throw new InfraError(`the cold app ${coldDomain} has no volumes (stack ${coldStack}): its teardown already ran, or the domain is wrong`);
  await assertNoContainerMounts(cold.map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint })), signal);
  await clearCanonical(deployer, app, { stateDir: options.stateDir, signal, onStep: options.onStep });
  const written: string[] = [];
  for (const v of cold) {
    const name = `${app.stack}_${v.name}`;
    await runCommandOrThrow("docker", ["volume", "create", "--label", `com.docker.stack.namespace=${app.stack}`, name], { signal });
    const [target] = await listStackVolumes(app.stack, { signal }).then((all) => all.filter((t) => t.dockerName === name));
    if (!target) throw new InfraError(`volume ${name} was created but docker does not list it`);
    options.onStep?.(`copying ${v.dockerName} → ${name}`);
    // cp -a -T into the fresh, empty volume root: contents, owner, mode and times of the root too.
    await copyTree(v.mountpoint, target.mountpoint, { signal });
    written.push(name);
  }
  return written;
}
