import type { EventSink, RunEvent } from "../../runner/types.ts";

/**
 * An event sink writing one JSON object per line (for the Python caller: `--json`).
 *
 * @example
 * ```ts
 * const sink = jsonlSink((line) => process.stdout.write(line));
 * ```
 */
export function jsonlSink(write: (line: string) => void): EventSink {
  return (event: RunEvent) => write(JSON.stringify(event) + "\n");
}
