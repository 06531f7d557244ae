/** An unused image as the budget logic sees it. */
export interface ImageCandidate {
  id: string;
  /** A readable name (first tag, else the id). */
  name: string;
  created: string;
  bytes: number;
}

/**
 * Which unused images to prune: oldest first, only as far as needed to bring the unused total
 * within `budgetBytes` and to free at least `needBytes` (to get the disk back under its target).
 * Pure; `docker image` sizes count shared layers in each image, so the result is an estimate.
 *
 * @example
 * ```ts
 * const { remove, keep } = planImagePrune(images, { budgetBytes: 20 * 1024 ** 3, needBytes: 0 });
 * ```
 */
export function planImagePrune(images: readonly ImageCandidate[], options: { budgetBytes: number; needBytes: number }): { remove: ImageCandidate[]; keep: ImageCandidate[] } {
  const sorted = [...images].sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || a.id.localeCompare(b.id));
  let total = sorted.reduce((s, i) => s + i.bytes, 0);
  let freed = 0;
  const remove: ImageCandidate[] = [];
  const keep: ImageCandidate[] = [];
  for (const img of sorted) {
    if (total > options.budgetBytes || freed < options.needBytes) {
      remove.push(img);
      total -= img.bytes;
      freed += img.bytes;
    } else keep.push(img);
  }
  return { remove, keep };
}
