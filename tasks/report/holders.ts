import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathSize } from "../../lib/disk/usage.ts";
import { runCommand } from "../../lib/exec/command.ts";

/** Something that takes disk space. */
export interface DiskHolder {
  /** e.g. `state: demo` (a recipe's known-good), `state: history`, `docker: Images`. */
  what: string;
  bytes: number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, kB: 1e3 };

/**
 * Docker's human size (`1.234GB`, `512kB`, `0B`; decimal units) in bytes (undefined when unreadable).
 *
 * @example
 * ```ts
 * parseDockerSize("1.5GB"); // 1500000000
 * ```
 */
export function parseDockerSize(text: string): number | undefined {
  const m = /^([\d.]+)\s*([kKMGT]?B)/.exec(text.trim());
  return m ? Math.round(Number(m[1]) * (UNITS[m[2]!] ?? UNITS[m[2]!.toUpperCase()]!)) : undefined;
}

/**
 * What holds the disk: each top-level entry of the state dir (a recipe's known-good, history,
 * sweeps, …) by allocated size, and Docker's images, containers, volumes and build cache
 * (`docker system df`; left out when Docker does not answer). Largest first.
 *
 * @example
 * ```ts
 * const holders = await diskHolders("/var/lib/ci-warm", { signal });
 * ```
 */
export async function diskHolders(stateDir: string, options: { signal?: AbortSignal } = {}): Promise<DiskHolder[]> {
  const out: DiskHolder[] = [];
  const names = await readdir(stateDir).catch(() => [] as string[]);
  for (const name of names.sort()) out.push({ what: `state: ${name}`, bytes: (await pathSize(join(stateDir, name), options)).bytes });
  const df = await runCommand("docker", ["system", "df", "--format", "{{json .}}"], { signal: options.signal, timeoutMs: 120_000 });
  if (!df.failed) {
    for (const line of df.stdout.split("\n").filter(Boolean)) {
      let row: { Type?: string; Size?: string };
      try {
        row = JSON.parse(line);
      } catch {
        continue;
      }
      const bytes = parseDockerSize(row.Size ?? "");
      if (row.Type && bytes !== undefined) out.push({ what: `docker: ${row.Type}`, bytes });
    }
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}
