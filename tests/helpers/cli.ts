import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { execa, type ResultPromise } from "execa";

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));
const DENO = `${ROOT}node_modules/.bin/deno`;

/** The runtimes the CLI is proven on. */
export const RUNTIMES = ["node", "deno"] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Build dist/ when it is missing or older than a source file (npm test builds it first; this covers running one file). */
export async function ensureBuilt(): Promise<void> {
  const built = existsSync(`${ROOT}dist/cli.js`) ? statSync(`${ROOT}dist/cli.js`).mtimeMs : 0;
  const sources = ["cli.ts", "mod.ts", ...["lib", "tasks"].flatMap((d) => readdirSync(`${ROOT}${d}`, { recursive: true }).map((f) => `${d}/${f}`))];
  if (sources.some((f) => f.endsWith(".ts") && statSync(`${ROOT}${f}`).mtimeMs > built)) await execa("npx", ["tsup"], { cwd: ROOT });
}

/** Start the CLI as a real child process on the given runtime. */
export function startCli(runtime: Runtime, args: string[], env: Record<string, string> = {}): ResultPromise<{ reject: false; cwd: string; env: Record<string, string>; forceKillAfterDelay: false }> {
  const [file, pre] = runtime === "node" ? ["node", [`${ROOT}dist/cli.js`]] : [DENO, ["run", "-A", `${ROOT}cli.ts`]];
  // forceKillAfterDelay: false — a test's SIGTERM must not become a SIGKILL while teardown runs.
  return execa(file, [...pre, ...args], { reject: false, cwd: ROOT, env: { NO_COLOR: "1", ...env }, forceKillAfterDelay: false });
}

/** Parse JSON Lines; throws if any line is not JSON (stdout must carry only JSON with --json). */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
