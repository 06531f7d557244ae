/**
 * Disk: usage of Docker's data root and the state dir, a budget check before big writes, and a
 * prune that frees space without ever touching warm data.
 * @module
 */
export { diskUsage, pathSize } from "./usage.ts";
export { checkDiskBudget, DiskBudgetError } from "./budget.ts";
export { diskPrune } from "./prune.ts";
export { planImagePrune } from "./plan-images.ts";
export type { ImageCandidate } from "./plan-images.ts";
export { bytesToTarget, planImages } from "./plan-all.ts";
export { planStacksAndVolumes } from "./plan-docker.ts";
export type { DockerPlanInput } from "./plan-docker.ts";
export { readDockerInventory } from "./inventory.ts";
export type { DockerInventory } from "./inventory.ts";
export { assertSnapshotGarbagePath, findSnapshotGarbage } from "./garbage.ts";
export type { DiskPolicy, DiskPruneOptions, DiskUsage, PruneItem, PruneKind, PruneReport } from "./types.ts";
