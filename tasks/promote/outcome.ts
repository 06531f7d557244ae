import { existsSync } from "node:fs";
import { join } from "node:path";
import { alignRegistryWithKnownGood } from "../../lib/canonical/consistency.ts";
import { getCanonical } from "../../lib/canonical/registry.ts";
import type { CanonicalEntry } from "../../lib/canonical/registry-schema.ts";
import { restoreCanonical } from "../../lib/canonical/restore.ts";
import { InfraError } from "../../lib/errors.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import { MANIFEST_NAME, snapshotLayout } from "../../lib/volumes/layout.ts";
import { readManifest } from "../../lib/volumes/manifest.ts";
import type { PromoteParams } from "./params.ts";
import type { PromoteContext } from "./steps.ts";

/** What the `bring` task produced: the commit deployed (or adopted) and the MANIFEST's metadata. */
export interface BroughtUp {
  commit: string;
  specHash: string | undefined;
  imageDigests: Record<string, string>;
  /** Volume keys the running services' backup labels exclude (rewarm reads them while deployed). */
  excludedVolumes?: string[] | undefined;
}

/** The committed known-good, as read back from disk and registry. */
export interface Committed {
  entry: CanonicalEntry;
  manifestDigest: string;
}

/** What the failure path did. */
export interface RestoreOutcome {
  /** The canonical's data was restored to the previous known-good and verified. */
  restored: boolean;
  /** Why nothing was restored. */
  reason?: string | undefined;
  /** The snapshot swap had committed before the failure: the known-good is the new one (registry aligned to it). */
  knownGoodMoved?: boolean | undefined;
}

/**
 * Read back what was committed: the registry entry and the known-good MANIFEST on disk must name
 * the same digest, else the promotion is not reported as done (a production lesson: a sweep said
 * "promoted" when the promotion had failed).
 *
 * @example
 * ```ts
 * const { entry } = await verifyCommitted(stateDir, written, snapshot.manifestDigest);
 * ```
 */
export async function verifyCommitted(stateDir: string, written: CanonicalEntry, digest: string): Promise<Committed> {
  const onDisk = await readManifest(snapshotLayout(stateDir, written.recipe).knownGood);
  const entry = await getCanonical(stateDir, written.recipe);
  if (!entry || entry.manifestDigest !== digest || onDisk.digest !== digest || entry.knownGoodCommit !== onDisk.manifest.commit || entry.dirty) {
    throw new InfraError(`promotion of ${written.recipe} did not stick: registry ${entry?.manifestDigest?.slice(0, 12) ?? "none"}, MANIFEST ${onDisk.digest.slice(0, 12)}, snapshot ${digest.slice(0, 12)}`);
  }
  return { entry, manifestDigest: digest };
}

/**
 * The failure path: if the canonical was touched (dirty or still deployed) and a known-good
 * exists, restore it (undeploy, copy back, verify, mark clean). With no known-good (a failed
 * first seed) only undeploy: there is nothing to restore and no canonical to use yet.
 *
 * @example
 * ```ts
 * const outcome = await restorePrevious(ctx, ctx.output(prepare), stateDir); // in a failure-rule task
 * ```
 */
export async function restorePrevious(ctx: TaskContext<PromoteParams>, c: PromoteContext | undefined, stateDir: string): Promise<RestoreOutcome> {
  if (!c) return { restored: false, reason: "the canonical was never touched (no lock or gate refused)" };
  const onStep = (m: string) => ctx.log(m);
  const deployed = await c.deployer.isDeployed(c.app, { signal: ctx.signal });
  const hasKnownGood = existsSync(join(snapshotLayout(stateDir, c.app.recipe).knownGood, MANIFEST_NAME));
  // A failure between the swap (the commit point) and the registry write: the MANIFEST is the truth.
  const { entry, repaired } = await alignRegistryWithKnownGood(stateDir, c.app.recipe);
  if (repaired) ctx.log("the known-good had already been swapped when the promotion failed: registry aligned with its MANIFEST", "warn");
  if (!hasKnownGood || !entry) {
    if (deployed) await c.deployer.undeploy(c.app, { signal: ctx.signal });
    return { restored: false, reason: "no previous known-good (a failed first seed): the canonical stays unseeded" };
  }
  if (!entry.dirty && !deployed) return { restored: false, reason: "the canonical's data was not touched", knownGoodMoved: repaired };
  await restoreCanonical(c.deployer, c.app, { stateDir, signal: ctx.signal, onStep, onProgress: (d, t, _f, _t, phase) => ctx.progress(d, t, "bytes", phase) });
  ctx.log(`canonical ${c.app.domain} restored to the known-good ${entry.knownGoodCommit.slice(0, 12)}`);
  return { restored: true, knownGoodMoved: repaired };
}
