import { delay } from "../runner/wait.ts";
import { checkConverged, type ServiceStatus } from "./converge-check.ts";
import { readStackState } from "./stack-state.ts";

/** The outcome of {@linkcode waitStackConverged} (also carried by a {@linkcode ConvergeError}). */
export interface ConvergeReport {
  stack: string;
  converged: boolean;
  durationMs: number;
  services: ServiceStatus[];
  /** Why it did not converge. */
  failure?: string | undefined;
}

/** Options for waiting until a stack converged. */
export interface ConvergeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Only updates/task failures from this time on count (default: now). */
  since?: number;
  /** Poll interval (default 300 ms: converge speed is the quick lane's speed). */
  pollMs?: number;
  /** Fail after this many failed tasks of the current spec (default 3). */
  maxTaskFailures?: number;
}

/**
 * The stack did not converge: a paused or rolled-back update, a task that keeps failing, or a
 * timeout. The message names the service and the task error; usually the recipe's fault (a
 * verdict), not the infrastructure's.
 *
 * @example
 * ```ts
 * try { await waitStackConverged("s", { timeoutMs: 60_000 }); } catch (e) { if (e instanceof ConvergeError) console.log(e.report.failure); }
 * ```
 */
export class ConvergeError extends Error {
  override name = "ConvergeError";
  readonly report: ConvergeReport;
  constructor(report: ConvergeReport) {
    super(`stack ${report.stack} did not converge: ${report.failure}`);
    this.report = report;
  }
}

/**
 * Poll the stack until every service converged (see {@linkcode checkConverged}); throw a
 * {@linkcode ConvergeError} when it fails or `timeoutMs` passes.
 *
 * @example
 * ```ts
 * const report = await waitStackConverged("demo_ci_local", { timeoutMs: 120_000, signal });
 * ```
 */
export async function waitStackConverged(stack: string, options: ConvergeOptions): Promise<ConvergeReport> {
  const started = Date.now();
  const since = options.since ?? started;
  const deadline = started + options.timeoutMs;
  for (;;) {
    const check = checkConverged(await readStackState(stack, { signal: options.signal }), { since, maxTaskFailures: options.maxTaskFailures });
    const report: ConvergeReport = { stack, converged: check.state === "converged", durationMs: Date.now() - started, services: check.services, failure: check.failure };
    if (check.state === "converged") return report;
    if (check.state === "failed") throw new ConvergeError(report);
    if (Date.now() >= deadline) {
      const waiting = check.services.filter((s) => s.detail).map((s) => `${s.name} ${s.ready}/${s.want} ready (${s.detail})`);
      report.failure = `timed out after ${Math.round(options.timeoutMs / 1000)} s: ${waiting.join("; ") || "no service of the stack exists"}`;
      throw new ConvergeError(report);
    }
    await delay(options.pollMs ?? 300, { signal: options.signal });
  }
}
