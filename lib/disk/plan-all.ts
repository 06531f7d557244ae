import type { DockerInventory } from "./inventory.ts";
import { planImagePrune, type ImageCandidate } from "./plan-images.ts";
import type { PruneItem } from "./types.ts";

const GiB = 1024 ** 3;

function imageInScope(tags: readonly string[], prefix: string | undefined): boolean {
  if (!prefix) return true;
  return tags.some((t) => {
    const repo = t.slice(0, t.lastIndexOf(":") > t.lastIndexOf("/") ? t.lastIndexOf(":") : t.length);
    return repo.startsWith(prefix) || repo.slice(repo.lastIndexOf("/") + 1).startsWith(prefix);
  });
}

/**
 * Decide images (pure): unused ones (no container or service outside `removedStacks` uses them)
 * are the pull cache; prune the oldest first, only as far as the budget and `needBytes` require.
 *
 * @example
 * ```ts
 * const items = planImages({ inv, removedStacks: new Set(), budgetGiB: 20, needBytes: 0 });
 * ```
 */
export function planImages(input: { inv: DockerInventory; removedStacks: ReadonlySet<string>; budgetGiB: number; needBytes: number; namePrefix?: string | undefined }): PruneItem[] {
  const { inv, removedStacks } = input;
  const used = new Set<string>();
  for (const c of inv.containers) if (!(c.stack && removedStacks.has(c.stack))) used.add(c.imageId);
  const refs = new Set(inv.services.filter((s) => !(s.stack && removedStacks.has(s.stack))).flatMap((s) => [s.image, s.image.split("@")[0]!]));
  const candidates: ImageCandidate[] = [];
  const items: PruneItem[] = [];
  for (const img of inv.images) {
    if (!imageInScope(img.tags, input.namePrefix)) continue;
    const name = img.tags[0] ?? img.id;
    if (used.has(img.id) || img.tags.some((t) => refs.has(t)) || img.digests.some((d) => refs.has(d))) {
      items.push({ kind: "image", name, bytes: img.bytes, reason: "in use by a container or service", action: "kept" });
    } else candidates.push({ id: img.id, name, created: img.created, bytes: img.bytes });
  }
  const budgetBytes = input.budgetGiB * GiB;
  const total = candidates.reduce((s, c) => s + c.bytes, 0);
  const { remove, keep } = planImagePrune(candidates, { budgetBytes, needBytes: input.needBytes });
  const why = total > budgetBytes ? `unused images total ${(total / GiB).toFixed(2)} GiB, over the ${input.budgetGiB} GiB budget` : "the disk is above its prune threshold";
  for (const c of remove) items.push({ kind: "image", name: c.name, bytes: c.bytes, reason: `oldest unused image (${c.created}); ${why}`, action: "would-remove" });
  for (const c of keep) items.push({ kind: "image", name: c.name, bytes: c.bytes, reason: "unused but within the pull-cache budget", action: "kept" });
  return items;
}

/**
 * Bytes to free on Docker's filesystem to get from above `pruneAtPercent` down to
 * `pruneDownToPercent`, after `alreadyFreeing` (0 when below the threshold).
 *
 * @example
 * ```ts
 * const need = bytesToTarget(usage, { pruneAtPercent: 85, pruneDownToPercent: 75 }, 0);
 * ```
 */
export function bytesToTarget(usage: { usedBytes: number; freeBytes: number; percent: number }, policy: { pruneAtPercent: number; pruneDownToPercent: number }, alreadyFreeing: number): number {
  if (usage.percent < policy.pruneAtPercent) return 0;
  const target = (policy.pruneDownToPercent / 100) * (usage.usedBytes + usage.freeBytes);
  return Math.max(0, Math.ceil(usage.usedBytes - target - alreadyFreeing));
}
