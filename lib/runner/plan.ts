import type { Graph } from "./graph.ts";
import type { TriggerRule } from "./types.ts";

/** One task in a resolved plan. */
export interface PlanStep {
  id: string;
  /** 0 for tasks with no needs; otherwise one more than the deepest need. */
  level: number;
  needs: string[];
  rule: TriggerRule;
  description?: string;
  timeoutMs?: number;
  retries?: number;
}

/**
 * The resolved execution order of a graph, without running anything (for `--plan`).
 *
 * @example
 * ```ts
 * for (const step of planGraph(graph)) console.log(step.level, step.id);
 * ```
 */
export function planGraph<P>(graph: Graph<P>): PlanStep[] {
  const level = new Map<string, number>();
  return graph.tasks.map((t) => {
    const l = t.needs.length ? Math.max(...t.needs.map((n) => level.get(n)!)) + 1 : 0;
    level.set(t.id, l);
    const step: PlanStep = { id: t.id, level: l, needs: [...t.needs], rule: t.rule };
    if (t.description) step.description = t.description;
    if (t.timeoutMs !== undefined) step.timeoutMs = t.timeoutMs;
    if (t.retry) step.retries = t.retry.attempts - 1;
    return step;
  });
}
