import { PGraph } from "p-graph";
import { defineGraph, defineTask, runGraph } from "../mod.ts";
import { delay } from "../lib/runner/wait.ts";
import { type BenchRow, median, row } from "./table.ts";

/** A random DAG: task i needs up to `fanIn` earlier tasks (deterministic PRNG). */
function randomDag(n: number, fanIn: number, seed = 42): string[][] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
    const k = i === 0 ? 0 : Math.floor(rnd() * (fanIn + 1));
    const needs = new Set<number>();
    for (let j = 0; j < k; j++) needs.add(Math.floor(rnd() * i));
    return [...needs].map((d) => `t${d}`);
  });
}

async function ours(dag: string[][], work: () => unknown, concurrency: number): Promise<number> {
  const t0 = performance.now();
  const tasks = dag.map((needs, i) => defineTask({ id: `t${i}`, needs, run: work }));
  const run = await runGraph(defineGraph({ id: "bench", tasks, concurrency }), {});
  if (run.status !== "passed") throw new Error("bench graph failed");
  return performance.now() - t0;
}

async function theirs(dag: string[][], work: () => unknown, concurrency: number): Promise<number> {
  const t0 = performance.now();
  const nodes = new Map(dag.map((_, i) => [`t${i}`, { run: work as () => Promise<void> }]));
  const deps: [string, string][] = [];
  dag.forEach((needs, i) => needs.forEach((d) => deps.push([d, `t${i}`])));
  await new PGraph(nodes, deps).run({ concurrency });
  return performance.now() - t0;
}

async function compare(dag: string[][], work: () => unknown, concurrency: number, rounds: number): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  await ours(dag, work, concurrency); // warm-up both
  await theirs(dag, work, concurrency);
  for (let r = 0; r < rounds; r++) {
    a.push(await ours(dag, work, concurrency));
    b.push(await theirs(dag, work, concurrency));
  }
  return [median(a), median(b)];
}

/** Runner benchmarks: a 10k no-op DAG vs p-graph, and 1k × 5 ms async tasks at concurrency 8. */
export async function benchRunner(): Promise<BenchRow[]> {
  const big = randomDag(10_000, 4);
  const [o1, p1] = await compare(big, () => {}, 8, 7);
  const rows = [row("runner-10k", "10,000 no-op tasks, fan-in <= 4 (define + run), vs p-graph", o1, p1, "ms", { op: "<=", value: 1.0 })];

  const width = 8;
  const n = 1000;
  const layered = Array.from({ length: n }, (_, i) => (i < width ? [] : [`t${i - width}`]));
  const work = () => delay(5);
  const [o2, p2] = await compare(layered, work, width, 3);
  const ideal = (n / width) * 5;
  rows.push(row("runner-async", `1,000 tasks × 5 ms at concurrency 8, vs ideal ${ideal} ms`, o2, ideal, "ms", { op: "<=", value: 1.15 }, `p-graph: ${p2.toFixed(1)} ms`));
  return rows;
}
