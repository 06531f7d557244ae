import type { AppRef, Deployer } from "../deploy/types.ts";
import { describeUpgradeSteps } from "../deploy/upgrade-steps.ts";
import { runCommand } from "../exec/command.ts";
import { InfraError } from "../errors.ts";
import { snapshotVolumes } from "../volumes/snapshot.ts";
import type { ProgressFn, SnapshotResult } from "../volumes/types.ts";
import { listStackVolumes } from "../deploy/volumes.ts";
import { type SnapshotVolumeSet, snapshotVolumeSet } from "./app.ts";
import { updateCanonical } from "./registry.ts";
import type { CanonicalEntry } from "./registry-schema.ts";
import { clearCanonical } from "./volumes.ts";

/** Options for {@linkcode rewarmCanonical}. */
export interface RewarmOptions {
  stateDir: string;
  /** Ms a deploy may take to converge. */
  convergeMs: number;
  /** Run after the fresh deploy converged, with CC_WARM_DOMAIN/STACK/REF/RECIPE in its environment. */
  seedCommand?: readonly string[] | undefined;
  /** Extra env for the deploy (e.g. OIDC credentials). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  onStep?: (message: string) => void;
}

/**
 * The `rewarm` strategy: undeploy the canonical, wipe its volumes, deploy it fresh at `ref` at its
 * stable domain (as an upgrade of its env: keys the ref's `.env.sample` adds are added, missing
 * secrets generated), wait healthy, run the optional seed command, undeploy. The known-good is not
 * touched; the canonical is marked dirty first, so a failure here makes the next quick run
 * restore the known-good. Returns the deployed commit, the stack spec hash, and the volume keys
 * the running services' backup labels exclude (read while deployed: the truth for the MANIFEST).
 *
 * @example
 * ```ts
 * const { commit } = await rewarmCanonical(deployer, app, "v2", { stateDir, convergeMs: 600_000 });
 * ```
 */
export async function rewarmCanonical(deployer: Deployer, app: AppRef, ref: string, options: RewarmOptions): Promise<{ commit: string | undefined; specHash: string | undefined; imageDigests: Record<string, string>; excludedVolumes: string[] }> {
  const { signal } = options;
  await clearCanonical(deployer, app, { stateDir: options.stateDir, signal, onStep: options.onStep });
  // As an upgrade, not a plain deploy: the canonical's env file was made from an older
  // .env.sample, and a release that adds a key (a new SECRET_X_VERSION) would not deploy with it.
  const res = await deployer.upgrade(app, ref, { signal, env: options.env });
  const steps = describeUpgradeSteps(res.upgradeSteps);
  options.onStep?.(`deployed ${app.domain} fresh at ${ref}${steps ? ` (${steps})` : ""}; waiting until healthy`);
  await deployer.waitConverged(app, { timeoutMs: options.convergeMs, signal });
  const imageDigests = await deployer.imageDigests(app, { signal });
  const { excluded } = await snapshotVolumeSet(deployer, app, { signal, env: options.env });
  if (options.seedCommand?.length) {
    const [file, ...args] = options.seedCommand;
    options.onStep?.(`seeding with ${file}`);
    const seed = await runCommand(file!, args, {
      signal,
      timeoutMs: options.convergeMs,
      env: { CC_WARM_DOMAIN: app.domain, CC_WARM_STACK: app.stack, CC_WARM_REF: ref, CC_WARM_RECIPE: app.recipe, CC_WARM_MODE: "promote" },
    });
    if (seed.isCanceled && signal?.aborted) throw signal.reason;
    if (seed.failed) throw new InfraError(`seed command ${file} exited ${seed.exitCode}: ${`${seed.stderr}\n${seed.stdout}`.trim().slice(-500)}`);
  }
  options.onStep?.(`undeploying ${app.domain} to snapshot its data`);
  await deployer.undeploy(app, { signal });
  return { commit: res.commit, specHash: res.specHash, imageDigests, excludedVolumes: excluded };
}

/** Options for {@linkcode commitKnownGood}. */
export interface CommitKnownGoodOptions {
  stateDir: string;
  commit: string;
  version?: string | undefined;
  stackSpecHash?: string | undefined;
  imageDigests?: Record<string, string>;
  /** Volume keys excluded by backup label, as read while the app ran (default: from the deployer now). */
  excludedVolumes?: readonly string[] | undefined;
  /** Refuse to snapshot past this state-dir filesystem use (the prune threshold). */
  maxUsePercent?: number;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

/**
 * Snapshot the undeployed canonical's volumes and atomically replace its known-good, then record
 * it in the registry (commit, version, digest, time, clean, quick runs reset). If anything fails
 * before the swap, the previous known-good and registry entry are as they were.
 *
 * @example
 * ```ts
 * const entry = await commitKnownGood(deployer, app, { stateDir, commit });
 * ```
 */
export async function commitKnownGood(deployer: Deployer, app: AppRef, options: CommitKnownGoodOptions): Promise<{ entry: CanonicalEntry; snapshot: SnapshotResult }> {
  const { volumes, excluded } = await volumesToSnapshot(deployer, app, options);
  if (!volumes.length) throw new InfraError(`${app.stack} has no volumes to snapshot`);
  const snapshot = await snapshotVolumes(volumes, {
    stateDir: options.stateDir,
    recipe: app.recipe,
    stack: app.stack,
    commit: options.commit,
    stackSpecHash: options.stackSpecHash,
    imageDigests: options.imageDigests,
    excludedVolumes: excluded,
    maxUsePercent: options.maxUsePercent,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const entry = await updateCanonical(options.stateDir, app.recipe, () => ({
    recipe: app.recipe,
    knownGoodCommit: options.commit,
    version: options.version,
    manifestDigest: snapshot.manifestDigest,
    promotedAt: new Date().toISOString(),
    dirty: false,
    quickRuns: 0,
    domain: app.domain,
    stack: app.stack,
  }));
  return { entry: entry!, snapshot };
}

async function volumesToSnapshot(deployer: Deployer, app: AppRef, options: CommitKnownGoodOptions): Promise<SnapshotVolumeSet> {
  const given = options.excludedVolumes;
  if (!given) return snapshotVolumeSet(deployer, app, { signal: options.signal });
  const all = await listStackVolumes(app.stack, { signal: options.signal });
  return {
    volumes: all.filter((v) => !given.includes(v.name)).map((v) => ({ name: v.dockerName, mountpoint: v.mountpoint, key: v.name })),
    excluded: all.filter((v) => given.includes(v.name)).map((v) => v.name),
  };
}
