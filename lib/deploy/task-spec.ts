/**
 * Which tasks run a service's current spec, decided the way Swarm decides it (swarmkit's
 * `IsTaskDirty`: the task's own spec against the service's task template) instead of by clock.
 * @module
 */
import { isDeepStrictEqual } from "node:util";

// `docker service inspect` fills Swarm's defaults into `Spec` (the CLI asks for
// `insertDefaults`), while task specs and `PreviousSpec` keep what was sent. A default and its
// absence mean the same to Swarm, so both sides drop them before comparing.
const DEFAULTS: [path: string[], value: unknown][] = [
  [["ContainerSpec", "StopGracePeriod"], 10_000_000_000],
  [["RestartPolicy", "Condition"], "any"],
  [["RestartPolicy", "Delay"], 5_000_000_000],
  [["Runtime"], "container"],
];

/**
 * A task template without Swarm's defaults and Go zero values (`null`, `false`, `0`, `""`, empty
 * objects and lists), so that two specs Swarm treats alike compare equal.
 *
 * @example
 * ```ts
 * normalizeTaskSpec({ ContainerSpec: { Image: "x", StopGracePeriod: 10e9, DNSConfig: {} } }); // { ContainerSpec: { Image: "x" } }
 * ```
 */
export function normalizeTaskSpec(spec: unknown): unknown {
  const copy = structuredClone(spec ?? {}) as Record<string, unknown>;
  for (const [path, value] of DEFAULTS) {
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], copy) as Record<string, unknown> | undefined;
    const key = path.at(-1)!;
    if (parent && parent[key] === value) delete parent[key];
  }
  return prune(copy) ?? {};
}

/**
 * True when a task was created from the service's current task template (see
 * {@linkcode normalizeTaskSpec}).
 *
 * @example
 * ```ts
 * sameTaskSpec(task.Spec, service.Spec.TaskTemplate);
 * ```
 */
export function sameTaskSpec(taskSpec: unknown, template: unknown): boolean {
  return isDeepStrictEqual(normalizeTaskSpec(taskSpec), normalizeTaskSpec(template));
}

function prune(v: unknown): unknown {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return undefined;
  if (Array.isArray(v)) return v.length ? v.map((x) => prune(x) ?? x) : undefined;
  if (typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p !== undefined) out[k] = p;
  }
  return Object.keys(out).length ? out : undefined;
}
