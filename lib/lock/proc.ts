import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { LockHolder } from "./types.ts";

const HAS_PROC = (() => {
  try {
    readFileSync("/proc/self/stat", "utf8");
    return true;
  } catch {
    return false;
  }
})();

/** `/proc/<pid>/stat` start time and state; `undefined` when the pid does not exist. */
function procStat(pid: number): { start: string; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm (field 2) may contain spaces and parentheses: fields resume after the last ')'.
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: rest[0] ?? "", start: rest[19] ?? "" };
  } catch {
    return undefined;
  }
}

/**
 * The boot id of this machine (Linux), or undefined elsewhere.
 *
 * @example
 * ```ts
 * console.log(currentBootId());
 * ```
 */
export function currentBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * The identity fields of the current process for a ticket.
 *
 * @example
 * ```ts
 * const me = selfIdentity();
 * ```
 */
export function selfIdentity(): Pick<LockHolder, "pid" | "host" | "procStart" | "bootId"> {
  return { pid: process.pid, host: hostname(), procStart: procStat(process.pid)?.start, bootId: currentBootId() };
}

/**
 * Whether a holder's process is still alive. Another host's pid cannot be checked: it counts as
 * alive. A different boot id, a missing `/proc` entry, a zombie, or a different process start
 * time (pid reuse) means dead.
 *
 * @example
 * ```ts
 * if (!isHolderAlive(holder)) console.log("stale lock");
 * ```
 */
export function isHolderAlive(holder: Pick<LockHolder, "pid" | "host" | "procStart" | "bootId">): boolean {
  if (holder.host !== hostname()) return true;
  const boot = currentBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  if (!HAS_PROC) {
    try {
      process.kill(holder.pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  }
  const stat = procStat(holder.pid);
  if (!stat || stat.state === "Z" || stat.state === "X") return false;
  return !holder.procStart || stat.start === holder.procStart;
}
