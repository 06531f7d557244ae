import { execa } from "execa";

/** The flat, serialisable outcome of a subprocess: the same shape for success and failure. */
export interface CommandResult {
  /** The command line, for messages (arguments joined by spaces). */
  command: string;
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  failed: boolean;
  timedOut: boolean;
  /** True when the run's AbortSignal stopped it. */
  isCanceled: boolean;
  durationMs: number;
}

/** Options for {@linkcode runCommand}. */
export interface RunCommandOptions {
  signal?: AbortSignal;
  cwd?: string;
  /** Added to the inherited environment. */
  env?: Record<string, string | undefined>;
  /** Written to stdin. */
  input?: string;
  timeoutMs?: number;
}

/**
 * Run a program (never through a shell) and return its result, whether it succeeded or not.
 *
 * @example
 * ```ts
 * const res = await runCommand("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"]);
 * if (!res.failed) console.log(res.stdout);
 * ```
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const started = Date.now();
  const res = await execa(file, args, {
    reject: false,
    cancelSignal: options.signal,
    cwd: options.cwd,
    env: options.env,
    input: options.input,
    timeout: options.timeoutMs,
    stdin: options.input === undefined ? "ignore" : "pipe",
    stripFinalNewline: true,
    forceKillAfterDelay: 5_000,
  });
  return {
    command: [file, ...args].join(" "),
    exitCode: res.exitCode,
    stdout: String(res.stdout ?? ""),
    stderr: String(res.stderr ?? ""),
    failed: Boolean(res.failed),
    timedOut: Boolean(res.timedOut),
    isCanceled: Boolean(res.isCanceled),
    durationMs: Date.now() - started,
  };
}

/**
 * A subprocess failed. The message carries the tail of stderr *and* stdout (abra prints its
 * fatal errors on stdout); `result` keeps everything.
 *
 * @example
 * ```ts
 * try { await runCommandOrThrow("false", []); } catch (e) { if (e instanceof CommandError) console.log(e.result.exitCode); }
 * ```
 */
export class CommandError extends Error {
  override name = "CommandError";
  /** The full result. */
  readonly result: CommandResult;
  constructor(result: CommandResult, options?: ErrorOptions) {
    const why = result.timedOut ? "timed out" : result.isCanceled ? "was cancelled" : `exited with ${result.exitCode}`;
    const tail = (s: string) => s.trim().split("\n").slice(-5).join("\n").slice(-800);
    const detail = [tail(result.stderr), tail(result.stdout)].filter(Boolean).join("\n");
    super(`\`${result.command.slice(0, 200)}\` ${why}${detail ? `: ${detail}` : ""}`, options);
    this.result = result;
  }
}

/**
 * Like {@linkcode runCommand} but throws a {@linkcode CommandError} when the program fails.
 * A cancellation rethrows the signal's reason so the runner records the task as cancelled.
 *
 * @example
 * ```ts
 * const { stdout } = await runCommandOrThrow("docker", ["volume", "ls", "-q"]);
 * ```
 */
export async function runCommandOrThrow(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const res = await runCommand(file, args, options);
  if (res.isCanceled && options.signal?.aborted) throw options.signal.reason;
  if (res.failed) throw new CommandError(res);
  return res;
}
