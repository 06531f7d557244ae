/**
 * Phase timings for snapshot and restore results: where a run's time went.
 * @module
 */

/**
 * A clock that adds the ms since the previous mark to `phases[name]` on each `mark(name)`.
 *
 * @example
 * ```ts
 * const phases: Record<string, number> = {};
 * const mark = phaseClock(phases);
 * await walk(); mark("scan");
 * await copy(); mark("copy"); // phases: { scan: 120, copy: 900 }
 * ```
 */
export function phaseClock(phases: Record<string, number>): (name: string) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + Math.round(now - last);
    last = now;
  };
}
