/**
 * Helpers shared by the I/O and swarm benchmarks: timing a command, interleaved rounds, temp
 * dirs named `ccw-bench-*` that are always removed, and the load average at the time.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { execa } from "execa";

/** Where benchmark scratch directories go: /var/tmp is on the same filesystem as the tree cache. */
export const BENCH_TMP: string = process.env.CCW_BENCH_TMP ?? "/var/tmp";

/**
 * Run a command (argv, no shell), throw with its stderr on a non-zero exit.
 *
 * @example
 * ```ts
 * await sh("cp", ["-a", "src", "dst"]);
 * ```
 */
export async function sh(file: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<string> {
  const res = await execa(file, args, { reject: false, cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 600_000 });
  if (res.exitCode !== 0) throw new Error(`${file} ${args.join(" ").slice(0, 200)} exited ${res.exitCode}: ${String(res.stderr).slice(-800)}`);
  return String(res.stdout);
}

/**
 * Milliseconds `fn` takes.
 *
 * @example
 * ```ts
 * const ms = await timed(() => sh("sync", []));
 * ```
 */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Interleave `rounds` measurements of ours and the baseline, alternating which goes first so
 * drift on a shared machine hits both; `prepare` runs untimed before every measurement.
 *
 * @example
 * ```ts
 * const { ours, base } = await interleave(3, { ours: runOurs, base: runBase, prepare: flush });
 * ```
 */
export async function interleave(
  rounds: number,
  fns: { ours: () => Promise<unknown>; base: () => Promise<unknown>; prepare?: (which: "ours" | "base") => Promise<unknown>; log?: string },
): Promise<{ ours: number[]; base: number[] }> {
  const out = { ours: [] as number[], base: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const order: ("ours" | "base")[] = r % 2 ? ["base", "ours"] : ["ours", "base"];
    for (const which of order) {
      await fns.prepare?.(which);
      const ms = await timed(which === "ours" ? fns.ours : fns.base);
      out[which].push(ms);
      console.error(`  ${fns.log ?? "round"} ${r + 1}/${rounds} ${which}: ${(ms / 1000).toFixed(2)} s (load ${loadavg()[0]!.toFixed(2)})`);
    }
  }
  return out;
}

/**
 * A fresh scratch directory `<BENCH_TMP>/ccw-bench-<tag>-XXXXXX` and a disposer that removes it.
 *
 * @example
 * ```ts
 * const tmp = scratchDir("snap"); try { … } finally { tmp.dispose(); }
 * ```
 */
export function scratchDir(tag: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(`${BENCH_TMP}/ccw-bench-${tag}-`);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The 1-minute load average, rounded, for a row's notes.
 *
 * @example
 * ```ts
 * `load ${load()}`; // "load 3.41"
 * ```
 */
export function load(): string {
  return loadavg()[0]!.toFixed(2);
}
