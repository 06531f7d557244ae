import type { DockerInventory } from "./inventory.ts";
import type { PruneItem } from "./types.ts";

/** Inputs of the docker part of a prune plan. */
export interface DockerPlanInput {
  inv: DockerInventory;
  protectedStacks: readonly string[];
  nowMs: number;
  graceMs: number;
  namePrefix?: string | undefined;
}

const inScope = (name: string, prefix: string | undefined): boolean => !prefix || name.startsWith(prefix);
const hours = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;

/**
 * Decide stacks and volumes (pure). Stacks: unprotected and not updated within the grace age →
 * remove. Volumes: unprotected, older than the grace age, used by no container or service except
 * those of stacks being removed, and either of a stack that is gone (or going) or dangling.
 * Returns items with `bytes` 0 for volumes (sized later) and the set of stacks being removed.
 *
 * @example
 * ```ts
 * const { items, removedStacks } = planStacksAndVolumes({ inv, protectedStacks: ["warm-demo"], nowMs: Date.now(), graceMs: 6 * 3_600_000 });
 * ```
 */
export function planStacksAndVolumes(input: DockerPlanInput): { items: PruneItem[]; removedStacks: Set<string> } {
  const { inv, nowMs, graceMs, namePrefix } = input;
  const protectedSet = new Set(input.protectedStacks);
  const items: PruneItem[] = [];
  const stackAge = new Map<string, number>();
  for (const s of inv.services) {
    if (!s.stack) continue;
    const t = Math.max(Date.parse(s.createdAt) || 0, Date.parse(s.updatedAt) || 0);
    stackAge.set(s.stack, Math.max(stackAge.get(s.stack) ?? 0, t));
  }
  const removedStacks = new Set<string>();
  for (const [stack, newest] of [...stackAge].sort()) {
    if (!inScope(stack, namePrefix)) continue;
    const push = (action: PruneItem["action"], reason: string): number => items.push({ kind: "stack", name: stack, bytes: 0, reason, action });
    if (protectedSet.has(stack)) push("kept", "protected stack (canonical or warm infra)");
    else if (nowMs - newest < graceMs) push("kept", `updated ${hours(nowMs - newest)} ago, within the ${hours(graceMs)} grace`);
    else {
      removedStacks.add(stack);
      push("would-remove", `cold-run leftover: not protected, last updated ${hours(nowMs - newest)} ago`);
    }
  }
  const users = new Map<string, Set<string>>();
  const addUser = (vol: string, who: string): void => void (users.get(vol) ?? users.set(vol, new Set()).get(vol)!).add(who);
  for (const s of inv.services) for (const v of s.volumes) addUser(v, s.stack && removedStacks.has(s.stack) ? "" : `service ${s.name}`);
  for (const c of inv.containers) for (const v of c.volumes) addUser(v, c.stack && removedStacks.has(c.stack) ? "" : `container ${c.id.slice(0, 12)}`);
  for (const v of [...inv.volumes].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!inScope(v.name, namePrefix)) continue;
    const push = (action: PruneItem["action"], reason: string): number => items.push({ kind: "volume", name: v.name, bytes: 0, reason, action });
    const owner = v.stack ?? [...protectedSet].find((p) => v.name.startsWith(`${p}_`));
    const active = [...(users.get(v.name) ?? [])].filter(Boolean);
    const age = nowMs - (Date.parse(v.createdAt) || nowMs);
    if (owner && protectedSet.has(owner)) push("kept", `protected (stack ${owner}): warm data`);
    else if (active.length) push("kept", `in use by ${active.slice(0, 3).join(", ")}`);
    else if (v.stack && stackAge.has(v.stack) && !removedStacks.has(v.stack)) push("kept", `stack ${v.stack} is deployed`);
    else if (age < graceMs) push("kept", `created ${hours(age)} ago, within the ${hours(graceMs)} grace`);
    else if (v.stack) push("would-remove", `leftover of stack ${v.stack} (${removedStacks.has(v.stack) ? "being removed" : "gone"}), ${hours(age)} old`);
    else push("would-remove", `dangling (no stack, no container), ${hours(age)} old`);
  }
  return { items, removedStacks };
}
