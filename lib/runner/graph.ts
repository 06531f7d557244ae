import { GraphDefinitionError } from "./errors.ts";
import type { Task } from "./task.ts";

/** A validated task graph. Build with {@linkcode defineGraph}. */
export interface Graph<P = unknown> {
  readonly id: string;
  readonly description?: string;
  /** Tasks in a topological order (dependencies first, ties kept in definition order). */
  readonly tasks: readonly Task<P, unknown>[];
  /** Most tasks running at once (default 8). */
  readonly concurrency: number;
  /** Deadline in ms for each `failure`/`always` task once the run is cancelled (default 60 000). */
  readonly teardownDeadlineMs: number;
}

/** The input to {@linkcode defineGraph}. */
export interface GraphSpec<P> {
  id: string;
  description?: string;
  tasks: ReadonlyArray<Task<P, unknown> | Task<never, unknown>>;
  concurrency?: number;
  teardownDeadlineMs?: number;
}

/**
 * Define and validate a graph. Duplicate ids, unknown needs and cycles throw a
 * {@linkcode GraphDefinitionError} naming the ids.
 *
 * @example
 * ```ts
 * const a = defineTask({ id: "a", run: () => 1 });
 * const b = defineTask({ id: "b", needs: [a], run: (ctx) => ctx.output(a)! + 1 });
 * const graph = defineGraph({ id: "demo", tasks: [a, b] });
 * ```
 */
export function defineGraph<P = unknown>(spec: GraphSpec<P>): Graph<P> {
  const tasks = spec.tasks as ReadonlyArray<Task<P, unknown>>;
  const byId = new Map<string, Task<P, unknown>>();
  const dup = new Set<string>();
  for (const t of tasks) (byId.has(t.id) ? dup.add(t.id) : byId.set(t.id, t));
  if (dup.size) throw new GraphDefinitionError(`graph "${spec.id}": duplicate task ids: ${[...dup].join(", ")}`, [...dup]);

  const unknown: string[] = [];
  for (const t of tasks) {
    for (const n of t.needs) if (!byId.has(n)) unknown.push(`${t.id} -> ${n}`);
  }
  if (unknown.length) {
    throw new GraphDefinitionError(`graph "${spec.id}": unknown needs: ${unknown.join(", ")}`, unknown.map((u) => u.split(" -> ")[1]!));
  }

  const order = topologicalOrder(tasks);
  const concurrency = spec.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`graph "${spec.id}": concurrency must be an integer >= 1`);
  return {
    id: spec.id,
    description: spec.description,
    tasks: order,
    concurrency,
    teardownDeadlineMs: spec.teardownDeadlineMs ?? 60_000,
  };
}

/** Kahn's algorithm; on a cycle, names the tasks that are on it. */
function topologicalOrder<P>(tasks: ReadonlyArray<Task<P, unknown>>): Task<P, unknown>[] {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const t of tasks) {
    indegree.set(t.id, t.needs.length);
    for (const n of t.needs) {
      const list = dependents.get(n);
      if (list) list.push(t.id);
      else dependents.set(n, [t.id]);
    }
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const queue = tasks.filter((t) => t.needs.length === 0).map((t) => t.id);
  const out: Task<P, unknown>[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    out.push(byId.get(id)!);
    for (const d of dependents.get(id) ?? []) {
      const left = indegree.get(d)! - 1;
      indegree.set(d, left);
      if (left === 0) queue.push(d);
    }
  }
  if (out.length !== tasks.length) {
    const cycle = findCycle(tasks, new Set(out.map((t) => t.id)));
    throw new GraphDefinitionError(`cycle in graph: ${cycle.join(" -> ")}`, [...new Set(cycle)]);
  }
  return out;
}

/** Walk needs among the unresolved tasks until a task repeats; returns the cycle path. */
function findCycle<P>(tasks: ReadonlyArray<Task<P, unknown>>, resolved: Set<string>): string[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const start = tasks.find((t) => !resolved.has(t.id))!;
  const path: string[] = [];
  const seen = new Map<string, number>();
  let cur: Task<P, unknown> = start;
  while (!seen.has(cur.id)) {
    seen.set(cur.id, path.length);
    path.push(cur.id);
    cur = byId.get(cur.needs.find((n) => !resolved.has(n))!)!;
  }
  return [...path.slice(seen.get(cur.id)), cur.id];
}
