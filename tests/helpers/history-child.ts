// An appender for tests/unit/history-concurrency.test.ts, run as a real child process with
// `deno run -A tests/helpers/history-child.ts <stateDir> <label> <count> <segmentBytes>`: appends
// <count> records (reason padded to 1–3 KiB so lines are big enough to interleave if writes were
// split) as fast as it can, rotating at <segmentBytes>.
import { appendHistory } from "../../lib/history/append.ts";

const [stateDir, label, count, segmentBytes] = process.argv.slice(2);
const limits = { segmentBytes: Number(segmentBytes), maxSegments: 10_000, maxAgeDays: 365 };
for (let i = 0; i < Number(count); i++) {
  const pad = "x".repeat(1000 + ((i * 997) % 2000));
  await appendHistory(stateDir!, {
    v: 1, at: new Date().toISOString(), graph: "quick", mode: "quick", verdict: "passed", exitCode: 0,
    recipe: "demo", runId: `${label}-${i}`, durationMs: i, reason: pad.slice(0, 390),
    timings: Object.fromEntries(Array.from({ length: 20 + (i % 20) }, (_, k) => [`task-${k}-${pad.slice(0, 40)}`, k])),
  }, { limits });
}
