/**
 * The reconciler's health check: the stack converged healthy (Swarm's own healthchecks), then
 * the app's health URL answers 200.
 * @module
 */
import type { ConvergeReport } from "../deploy/converge.ts";
import type { AppRef, Deployer } from "../deploy/types.ts";
import { InfraError } from "../errors.ts";
import { delay } from "../runner/wait.ts";

/** Options for {@linkcode waitInfraHealthy}. */
export interface InfraHealthOptions {
  /** Overall deadline for convergence plus the URL check. */
  timeoutMs: number;
  /** Must answer 200; undefined: convergence alone decides. */
  healthUrl?: string | undefined;
  /** Cancels the wait. */
  signal?: AbortSignal;
  /** Deploy time: only updates/task failures from then on count. */
  since?: number;
}

/**
 * Wait until the app converged healthy and `healthUrl` answers 200 (polled each second until
 * the deadline). Throws (`ConvergeError` from the deployer, or an `InfraError` naming the URL's
 * last answer) when it is not healthy in time.
 *
 * @example
 * ```ts
 * await waitInfraHealthy(deployer, app, { timeoutMs: 600_000, healthUrl: "http://127.0.0.1:8080/realms/master" });
 * ```
 */
export async function waitInfraHealthy(deployer: Deployer, app: AppRef, options: InfraHealthOptions): Promise<ConvergeReport> {
  const deadline = Date.now() + options.timeoutMs;
  const report = await deployer.waitConverged(app, { timeoutMs: options.timeoutMs, signal: options.signal, since: options.since });
  if (!options.healthUrl) return report;
  let last = "no answer yet";
  do {
    last = await probe(options.healthUrl, options.signal);
    if (last === "200") return report;
    await delay(1_000, { signal: options.signal });
  } while (Date.now() < deadline);
  throw new InfraError(`${app.stack} converged but ${options.healthUrl} did not answer 200 in time (last: ${last})`);
}

async function probe(url: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    const timeout = AbortSignal.timeout(10_000);
    const res = await fetch(url, { redirect: "manual", signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await res.body?.cancel();
    return String(res.status);
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    return (err as Error).name === "TimeoutError" ? "timed out" : "unreachable";
  }
}
