/**
 * The orchestrator's cold command: the boundary between cc-warm and the Python orchestrator. An
 * argv template (`{recipe}` and `{ref}` substituted in every argument); exit code 0 = green.
 * @module
 */
import { runCommand } from "../../lib/exec/command.ts";

/** What the cold command reported (optional last JSON line of its stdout). */
export interface ColdReport {
  verdict?: string | undefined;
  /** The cold app's domain (its undeployed volumes feed the `adopt` strategy). */
  domain?: string | undefined;
  version?: string | undefined;
  commit?: string | undefined;
}

/** One cold run's outcome. */
export interface ColdOutcome {
  /** green: exit 0 (and no JSON verdict saying otherwise); red: exited non-zero; error: timed out, killed or could not start. */
  verdict: "green" | "red" | "error";
  exitCode: number | undefined;
  durationMs: number;
  report: ColdReport;
  /** The last lines of its output, for the reason column. */
  tail: string;
}

/**
 * Substitute `{recipe}` and `{ref}` in each argument (never a shell string).
 *
 * @example
 * ```ts
 * coldArgv(["cc-ci", "test", "--recipe={recipe}", "{ref}"], "demo", "v2"); // ["cc-ci", "test", "--recipe=demo", "v2"]
 * ```
 */
export function coldArgv(template: readonly string[], recipe: string, ref: string): string[] {
  return template.map((a) => a.replaceAll("{recipe}", recipe).replaceAll("{ref}", ref));
}

/**
 * The last stdout line that is a JSON object, as a {@linkcode ColdReport} (string fields only).
 *
 * @example
 * ```ts
 * parseColdReport('log\n{"verdict":"green","domain":"demo-1.ci.local"}'); // { verdict: "green", domain: "demo-1.ci.local" }
 * ```
 */
export function parseColdReport(stdout: string): ColdReport {
  for (const line of stdout.split("\n").reverse()) {
    const t = line.trim();
    if (!t.startsWith("{")) continue;
    try {
      const o = JSON.parse(t) as Record<string, unknown>;
      const str = (k: string) => (typeof o[k] === "string" && o[k] ? (o[k] as string) : undefined);
      return { verdict: str("verdict"), domain: str("domain") ?? str("coldDomain"), version: str("version"), commit: str("commit") };
    } catch {
      continue;
    }
  }
  return {};
}

const GREEN_WORDS = new Set(["green", "pass", "passed", "success", "ok"]);

/**
 * Run one cold test and read its verdict: exit 0 is green unless its JSON says another verdict.
 *
 * @example
 * ```ts
 * const out = await runColdCommand(["cc-ci", "cold", "demo", "v2"], { timeoutMs: 3_600_000, env: { CC_WARM_RECIPE: "demo" } });
 * ```
 */
export async function runColdCommand(argv: readonly string[], options: { timeoutMs: number; signal?: AbortSignal; env?: Record<string, string> }): Promise<ColdOutcome> {
  const res = await runCommand(argv[0]!, argv.slice(1), { timeoutMs: options.timeoutMs, signal: options.signal, env: options.env });
  const report = parseColdReport(res.stdout);
  const tail = `${res.stderr}\n${res.stdout}`.trim().split("\n").slice(-3).join(" | ").slice(-300);
  let verdict: ColdOutcome["verdict"];
  if (res.timedOut || res.isCanceled || res.exitCode === undefined) verdict = "error";
  else if (res.exitCode !== 0) verdict = "red";
  else verdict = report.verdict === undefined || GREEN_WORDS.has(report.verdict.toLowerCase()) ? "green" : "red";
  return { verdict, exitCode: res.exitCode, durationMs: res.durationMs, report, tail };
}
