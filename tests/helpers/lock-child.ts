// A lock contender for tests/integration/lock-*.test.ts, run as a real child process with
// `deno run -A tests/helpers/lock-child.ts <stateDir> <name> <logFile> <holdMs> <label>`.
// holdMs < 0 holds until killed. It prints JSON lines on stdout ("waiting" with the holder's
// pid, "entered") and appends `enter`/`exit` lines to logFile with O_APPEND, so the file's line
// order is the kernel's order of events across all contenders.
import { appendFileSync } from "node:fs";
import { acquireLock } from "../../lib/lock/mod.ts";

const [stateDir, name, logFile, holdArg, label] = process.argv.slice(2);
const holdMs = Number(holdArg);
const say = (o: object): void => void process.stdout.write(JSON.stringify({ label, pid: process.pid, ...o }) + "\n");

const lock = await acquireLock(stateDir!, name!, {
  purpose: `test ${label}`,
  onWait: (holder) => say({ event: "waiting", holderPid: holder.pid, holderTicket: holder.ticket }),
});
appendFileSync(logFile!, `enter ${label} ${process.pid}\n`, { flag: "a" });
say({ event: "entered", ticket: lock.holder.ticket });
if (holdMs < 0) await new Promise(() => setInterval(() => {}, 1 << 30));
await new Promise((r) => setTimeout(r, holdMs));
appendFileSync(logFile!, `exit ${label} ${process.pid}\n`, { flag: "a" });
await lock.release();
say({ event: "released" });
