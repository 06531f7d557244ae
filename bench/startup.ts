import { execa } from "execa";
import { fileURLToPath } from "node:url";
import { type BenchRow, median, row } from "./table.ts";

// import.meta.url is the esbuild bundle under .cache/bench/: resolve from the repo root.
const root = fileURLToPath(new URL("../../", import.meta.url));
const deno = `${root}node_modules/.bin/deno`;

async function time(file: string, args: string[], rounds: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < rounds + 1; i++) {
    const t0 = performance.now();
    const res = await execa(file, args, { reject: false, cwd: root });
    if (res.exitCode !== 0) throw new Error(`${file} ${args.join(" ")} exited ${res.exitCode}: ${res.stderr}`);
    if (i > 0) xs.push(performance.now() - t0); // first run warms the file cache
  }
  return median(xs);
}

/** `cc-warm --help` start-up on Node (dist) and Deno (sources), against each runtime's empty start. */
export async function benchStartup(): Promise<BenchRow[]> {
  const nodeHelp = await time("node", ["dist/cli.js", "--help"], 9);
  const nodeEmpty = await time("node", ["-e", "0"], 9);
  const denoHelp = await time(deno, ["run", "-A", "cli.ts", "--help"], 5);
  const denoEmpty = await time(deno, ["eval", "0"], 5);
  return [
    row("startup-node", "cc-warm --help on Node vs `node -e 0`", nodeHelp, nodeEmpty, "ms", { op: "<=", value: 150 / nodeEmpty }, `target: <= 150 ms absolute (${nodeHelp.toFixed(0)} ms)`),
    row("startup-deno", "cc-warm --help on Deno vs `deno eval 0`", denoHelp, denoEmpty, "ms", { op: "<=", value: 3 }),
  ];
}
