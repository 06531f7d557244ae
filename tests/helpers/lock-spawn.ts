// Spawn lock-child.ts contenders and follow their JSON-lines stdout.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const DENO = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));
const CHILD = fileURLToPath(new URL("./lock-child.ts", import.meta.url));

export interface ChildEvent {
  label: string;
  pid: number;
  event: "waiting" | "entered" | "released";
  holderPid?: number;
  ticket?: string;
}

export interface Contender {
  child: ChildProcess;
  events: ChildEvent[];
  /** Resolves with the first event matching one of `kinds`. */
  next(kinds: ChildEvent["event"][], timeoutMs?: number): Promise<ChildEvent>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function spawnContender(args: { stateDir: string; name: string; logFile: string; holdMs: number; label: string }): Contender {
  const child = spawn(DENO, ["run", "-A", CHILD, args.stateDir, args.name, args.logFile, String(args.holdMs), args.label], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const events: ChildEvent[] = [];
  const listeners = new Set<() => void>();
  let buf = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buf += chunk.toString();
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      events.push(JSON.parse(buf.slice(0, i)) as ChildEvent);
      buf = buf.slice(i + 1);
      for (const l of listeners) l();
    }
  });
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, sig) => resolve(code ?? sig ?? -1)));
  const next = (kinds: ChildEvent["event"][], timeoutMs = 30_000): Promise<ChildEvent> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const e = events.find((ev) => kinds.includes(ev.event));
        if (e) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(e);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`${args.label}: no ${kinds.join("/")} event within ${timeoutMs} ms (got ${JSON.stringify(events)})`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, events, next, exited };
}
