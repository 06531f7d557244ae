// Lock edge cases on a real temp filesystem, with hand-written tickets standing in for other processes.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../lib/errors.ts";
import { acquireLock, isHolderAlive, listLocks, readLock } from "../../lib/lock/mod.ts";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "ccw-test-lock-unit-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const queue = (name: string): string => join(stateDir, "locks", `${name}.queue`);
const selfStart = async (): Promise<string> => {
  const text = await readFile(`/proc/${process.pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ")[19]!;
};
async function plantTicket(name: string, n: number, holder: object): Promise<void> {
  await mkdir(queue(name), { recursive: true });
  await writeFile(join(queue(name), String(n).padStart(16, "0")), JSON.stringify({ name, host: hostname(), since: "2020-01-01T00:00:00.000Z", ...holder }));
}

describe("lock liveness", () => {
  it("treats a reused pid (different process start time) as dead", async () => {
    expect(isHolderAlive({ pid: process.pid, host: hostname(), procStart: await selfStart() })).toBe(true);
    expect(isHolderAlive({ pid: process.pid, host: hostname(), procStart: "1" })).toBe(false);
    expect(isHolderAlive({ pid: process.pid, host: hostname(), bootId: "not-this-boot" })).toBe(false);
    expect(isHolderAlive({ pid: 2 ** 22 + 17, host: hostname() })).toBe(false);
    // Another host's pid cannot be checked from here: it must count as alive.
    expect(isHolderAlive({ pid: 2 ** 22 + 17, host: `${hostname()}-elsewhere` })).toBe(true);
  });

  it("takes over a lock whose ticket belongs to a reused pid, and removes the dead ticket", async () => {
    await plantTicket("demo", 1, { pid: process.pid, procStart: "1" });
    await plantTicket("demo", 2, { pid: 2 ** 22 + 17 });
    expect((await readLock(stateDir, "demo"))?.deadTickets).toBe(2);
    const seen: number[] = [];
    const lock = await acquireLock(stateDir, "demo", { timeoutMs: 2_000, onWait: (h) => seen.push(h.pid) });
    expect(seen).toEqual([]);
    expect(lock.holder.ticket).toBe("0000000000000003");
    expect((await readdir(queue("demo"))).sort()).toEqual(["0000000000000003"]);
    expect(JSON.parse(await readFile(join(stateDir, "locks", "demo.lock"), "utf8")).ticket).toBe("0000000000000003");
    const status = await readLock(stateDir, "demo");
    expect(status?.holder?.pid).toBe(process.pid);
    expect(status?.deadTickets).toBe(0);
    await lock.release();
    await expect(readFile(join(stateDir, "locks", "demo.lock"), "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("a ticket that is JSON but not a holder record (a pid as text, no host) counts as dead, never as a holder", async () => {
    await plantTicket("demo", 1, { pid: String(process.pid) });
    await mkdir(queue("demo"), { recursive: true });
    await writeFile(join(queue("demo"), "0000000000000002"), JSON.stringify({ pid: process.pid }));
    expect(await readLock(stateDir, "demo")).toMatchObject({ holder: undefined, deadTickets: 2 });
    const lock = await acquireLock(stateDir, "demo", { timeoutMs: 2_000 });
    expect(lock.holder.ticket).toBe("0000000000000003");
    await lock.release();
  });

  it("waits behind a live ticket from another host until the timeout, naming it", async () => {
    await plantTicket("demo", 1, { pid: 4242, host: "other-host", purpose: "sweep" });
    const err = await acquireLock(stateDir, "demo", { timeoutMs: 120 }).then(() => new Error("resolved"), (e: unknown) => e as Error);
    expect(err.message).toBe(`lock "demo" is held by pid 4242 on host other-host since 2020-01-01T00:00:00.000Z (sweep); gave up after ${/after (\d+) ms/.exec(err.message)?.[1]} ms`);
    expect(Number(/after (\d+) ms/.exec(err.message)?.[1])).toBeGreaterThanOrEqual(120);
  });

  it("in one process, a second acquire waits for the first (FIFO, not re-entrant)", async () => {
    const first = await acquireLock(stateDir, "demo");
    const order: string[] = [];
    const second = acquireLock(stateDir, "demo", { pollMs: 5 }).then((l) => (order.push("second"), l));
    await new Promise((r) => setTimeout(r, 50));
    order.push("release-first");
    await first.release();
    const l2 = await second;
    expect(order).toEqual(["release-first", "second"]);
    expect((await listLocks(stateDir)).map((s) => [s.name, s.holder?.ticket])).toEqual([["demo", l2.holder.ticket]]);
    await l2.release();
    expect(await listLocks(stateDir)).toEqual([]);
  });

  it("rejects unsafe lock names and state dirs before touching the disk", async () => {
    for (const bad of ["", "../etc", "a/b", "a b", "x\0y", ".hidden", "a..b", "n".repeat(101)]) {
      const err = await acquireLock(stateDir, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).key).toBe("lock");
    }
    const err = await acquireLock("relative/dir", "demo").catch((e: unknown) => e);
    expect((err as InputError).key).toBe("stateDir");
    expect(await readdir(stateDir)).toEqual([]);
  });

  it("an already-aborted signal fails without queueing", async () => {
    const err = await acquireLock(stateDir, "demo", { signal: AbortSignal.abort() }).then(() => new Error("resolved"), (e: unknown) => e as Error);
    expect(err.name).toBe("LockWaitError");
    expect(await readdir(stateDir)).toEqual([]);
  });
});
