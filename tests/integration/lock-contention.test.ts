// Real child processes (Deno) contend for real lock files in a temp state dir.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, LockWaitError, readLock } from "../../lib/lock/mod.ts";
import { spawnContender, type Contender } from "../helpers/lock-spawn.ts";

let stateDir: string;
let logFile: string;
const started: Contender[] = [];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "ccw-test-lock-"));
  logFile = join(stateDir, "events.log");
});
afterEach(async () => {
  for (const c of started.splice(0)) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  await rm(stateDir, { recursive: true, force: true });
});

const contender = (name: string, holdMs: number, label: string): Contender => {
  const c = spawnContender({ stateDir, name, logFile, holdMs, label });
  started.push(c);
  return c;
};
const logLines = async (): Promise<string[]> => (await readFile(logFile, "utf8").catch(() => "")).split("\n").filter(Boolean);

describe("acquireLock across processes", () => {
  it("runs 10 contenders strictly one at a time, in arrival order", async () => {
    const labels = Array.from({ length: 10 }, (_, i) => `c${i}`);
    // This process holds the lock while the contenders queue up, so they really contend.
    const gate = await acquireLock(stateDir, "app", { purpose: "gate" });
    const all: Contender[] = [];
    for (const label of labels) {
      const c = contender("app", 100, label);
      all.push(c);
      // Arrival order: the next contender starts only once this one holds a ticket.
      const ev = await c.next(["waiting", "entered"]);
      expect(ev.event).toBe("waiting");
    }
    const queued = await readLock(stateDir, "app");
    expect(queued?.holder?.pid).toBe(process.pid);
    expect(queued?.waiters.map((w) => w.pid)).toEqual(all.map((c) => c.child.pid));
    await gate.release();
    await gate.release(); // idempotent
    expect(await Promise.all(all.map((c) => c.exited))).toEqual(labels.map(() => 0));
    const lines = await logLines();
    expect(lines).toHaveLength(20);
    // O_APPEND lines are ordered by the kernel: strict enter/exit alternation means no overlap.
    const expected = labels.flatMap((l, i) => [`enter ${l} ${all[i]!.child.pid}`, `exit ${l} ${all[i]!.child.pid}`]);
    expect(lines).toEqual(expected);
    // Each first waited behind the gate, then only ever behind earlier arrivals, in order.
    const order = [process.pid, ...all.map((c) => c.child.pid!)];
    for (const [i, c] of all.entries()) {
      const seen = c.events.filter((e) => e.event === "waiting").map((e) => order.indexOf(e.holderPid!));
      expect(seen[0]).toBe(0);
      expect(seen.every((k, j) => k >= 0 && k <= i && (j === 0 || k > seen[j - 1]!))).toBe(true);
    }
    expect(await readLock(stateDir, "app")).toBeUndefined();
  });

  it("recovers a lock whose holder was killed with SIGKILL", async () => {
    const holder = contender("app", -1, "holder");
    await holder.next(["entered"]);
    const waiter = contender("app", 10, "waiter");
    const waiting = await waiter.next(["waiting"]);
    expect(waiting.holderPid).toBe(holder.child.pid);
    expect((await readLock(stateDir, "app"))?.holder?.pid).toBe(holder.child.pid);
    holder.child.kill("SIGKILL");
    expect(await holder.exited).toBe("SIGKILL");
    await waiter.next(["entered"]);
    expect(await waiter.exited).toBe(0);
    expect(await logLines()).toEqual([`enter holder ${holder.child.pid}`, `enter waiter ${waiter.child.pid}`, `exit waiter ${waiter.child.pid}`]);
    // The dead ticket was cleared on the way (only the high-water tombstone may remain).
    expect(await readLock(stateDir, "app")).toBeUndefined();
  });

  it("does not block different apps on each other", async () => {
    const a = contender("app-a", -1, "a");
    await a.next(["entered"]);
    const b = contender("app-b", 10, "b");
    const ev = await b.next(["waiting", "entered"]);
    expect(ev.event).toBe("entered");
    expect(await b.exited).toBe(0);
    expect(a.child.exitCode).toBeNull();
    expect(await logLines()).toEqual([`enter a ${a.child.pid}`, `enter b ${b.child.pid}`, `exit b ${b.child.pid}`]);
  });

  it("stops waiting on timeout and on abort with an error naming the holder, and leaves no ticket", async () => {
    const holder = contender("app", -1, "holder");
    await holder.next(["entered"]);
    const pid = holder.child.pid!;
    const seen: number[] = [];
    const timedOut = await acquireLock(stateDir, "app", { timeoutMs: 300, onWait: (h) => seen.push(h.pid) }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(LockWaitError);
    expect((timedOut as LockWaitError).reason).toBe("timeout");
    expect((timedOut as Error).message).toContain(`pid ${pid} on host ${hostname()} since `);
    expect((timedOut as Error).message).toContain("test holder");
    expect(seen).toEqual([pid]);

    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error("stop")), 200);
    const aborted = await acquireLock(stateDir, "app", { signal: ac.signal }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(LockWaitError);
    expect((aborted as LockWaitError).reason).toBe("aborted");
    expect((aborted as LockWaitError).holder?.pid).toBe(pid);
    expect((aborted as Error).message).toContain(`pid ${pid}`);
    expect(((aborted as Error).cause as Error).message).toBe("stop");

    const status = await readLock(stateDir, "app");
    expect(status?.holder?.pid).toBe(pid);
    expect(status?.waiters).toEqual([]);
    // Only the holder's ticket and the released high-water tombstone remain.
    const files = (await readdir(join(stateDir, "locks", "app.queue"))).sort();
    expect(files).toHaveLength(2);
    expect(JSON.parse(await readFile(join(stateDir, "locks", "app.queue", files[0]!), "utf8")).pid).toBe(pid);
    expect(JSON.parse(await readFile(join(stateDir, "locks", "app.queue", files[1]!), "utf8")).released).toBe(true);
  });
});
