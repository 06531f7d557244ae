import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchRunner } from "./runner.ts";
import { benchStartup } from "./startup.ts";
import { type BenchRow, machine, printTable } from "./table.ts";

/** Every benchmark by name; `npm run bench -- <name>` runs one. */
const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  runner: benchRunner,
  startup: benchStartup,
};

/** Run the named benchmarks (all when none), print a table, write JSON under bench/results/. */
export async function main(argv: string[]): Promise<number> {
  const names = argv.length ? argv : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
    return 2;
  }
  const rows: BenchRow[] = [];
  for (const name of names) {
    console.error(`running ${name} …`);
    rows.push(...(await BENCHES[name]!()));
  }
  console.log(printTable(rows));
  // import.meta.url is the esbuild bundle under .cache/bench/: resolve from the repo root.
  const dir = fileURLToPath(new URL("../../bench/results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ machine: machine(), rows }, null, 2) + "\n");
  console.error(`machine: ${JSON.stringify(machine())}\nwrote ${file}`);
  return 0;
}
