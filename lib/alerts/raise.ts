import { z } from "zod";
import { runCommand } from "../exec/command.ts";
import { parseInput } from "../validate/parse.ts";
import { alertsDir, newAlertId, writeAlertRecord } from "./store.ts";
import type { AlertInput, AlertRecord, NotifyOutcome, RaiseAlertOptions } from "./types.ts";

const inputSchema = z.object({
  what: z.string().min(1, "must not be empty").max(500, "must be at most 500 characters"),
  why: z.string().min(1, "must not be empty").max(10_000, "must be at most 10000 characters"),
  notes: z.string().max(200_000, "must be at most 200000 characters").optional(),
  app: z.string().max(200).optional(),
});

/**
 * Record an alert under `<stateDir>/alerts/<id>.json` (atomically, before anything else), then
 * pass it as JSON on stdin to the optional notify command. A failing notify command is recorded
 * in the alert (`notify`), never thrown: the record on disk is the alert.
 *
 * @example
 * ```ts
 * const alert = await raiseAlert("/var/lib/ci-warm", { what: "keycloak upgrade rolled back", why: "health check failed", app: "keycloak" }, { notifyCommand: ["/usr/local/bin/notify-matrix"] });
 * console.log(alert.id, alert.notify?.ok);
 * ```
 */
export async function raiseAlert(stateDir: string, input: AlertInput, options: RaiseAlertOptions = {}): Promise<AlertRecord> {
  const dir = alertsDir(stateDir);
  const fields = parseInput("alert", inputSchema, input);
  const now = options.now ?? new Date();
  const record: AlertRecord = { id: newAlertId(now), ...fields, time: now.toISOString(), acknowledged: false };
  await writeAlertRecord(dir, record);
  const cmd = options.notifyCommand;
  if (!cmd || cmd.length === 0) return record;
  const notify = await runNotify(cmd, record, options);
  const withNotify: AlertRecord = { ...record, notify };
  await writeAlertRecord(dir, withNotify);
  return withNotify;
}

async function runNotify(cmd: readonly string[], record: AlertRecord, options: RaiseAlertOptions): Promise<NotifyOutcome> {
  const command = cmd.join(" ").slice(0, 200);
  try {
    const res = await runCommand(cmd[0]!, cmd.slice(1), {
      input: JSON.stringify(record) + "\n",
      signal: options.signal,
      timeoutMs: options.notifyTimeoutMs ?? 30_000,
    });
    if (!res.failed) return { command, ok: true, exitCode: res.exitCode };
    const why = res.timedOut ? "timed out" : res.isCanceled ? "was cancelled" : `exited with ${res.exitCode ?? "no code"}`;
    const tail = res.stderr.trim().slice(-500);
    return { command, ok: false, exitCode: res.exitCode, error: tail ? `${why}: ${tail}` : why };
  } catch (e) {
    return { command, ok: false, exitCode: undefined, error: String((e as Error).message ?? e).slice(0, 500) };
  }
}
