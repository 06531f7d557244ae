import { runCommandOrThrow } from "../exec/command.ts";
import { runHex } from "./names.ts";

/**
 * The run hexes of every live docker stack (`docker stack ls`), computed with
 * {@linkcode runHex} from the stack name, as a realm's `ccWarm.run` marker was.
 *
 * @example
 * ```ts
 * const live = await liveRunHexesFromDocker({ signal });
 * ```
 */
export async function liveRunHexesFromDocker(options: { signal?: AbortSignal } = {}): Promise<Set<string>> {
  const { stdout } = await runCommandOrThrow("docker", ["stack", "ls", "--format", "{{.Name}}"], { signal: options.signal, timeoutMs: 60_000 });
  const hexes = new Set<string>();
  for (const name of stdout.split("\n").map((s) => s.trim()).filter(Boolean)) {
    try {
      hexes.add(runHex(name));
    } catch {
      // A stack name that is not a domain-derived name cannot belong to a run: ignore it.
    }
  }
  return hexes;
}
