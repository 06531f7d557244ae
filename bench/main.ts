import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchKeycloak } from "./keycloak.ts";
import { benchLedgerQuickVsCold, benchQuickOverhead, benchQuickVsCold } from "./lanes.ts";
import { benchRunner } from "./runner.ts";
import { benchReflink, benchResnapshot, benchRestore, benchSnapshot, RSS_CHILD_FLAG, snapshotRssChild } from "./snapshot.ts";
import { benchStartup } from "./startup.ts";
import { type BenchRow, machine, printTable } from "./table.ts";

/** Every benchmark by name; `npm run bench -- <name>` runs one. */
const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  runner: benchRunner,
  startup: benchStartup,
  snapshot: benchSnapshot,
  resnapshot: benchResnapshot,
  restore: benchRestore,
  reflink: benchReflink,
  "quick-vs-cold": benchQuickVsCold,
  "quick-overhead": benchQuickOverhead,
  "ledger-quick-vs-cold": benchLedgerQuickVsCold,
  keycloak: benchKeycloak,
};

/** Run the named benchmarks (all when none), print a table, write JSON under bench/results/. */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === RSS_CHILD_FLAG) return snapshotRssChild(argv.slice(1));
  const names = argv.length ? argv : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
    return 2;
  }
  const rows: BenchRow[] = [];
  const failed: { name: string; error: string }[] = [];
  for (const name of names) {
    console.error(`running ${name} …`);
    // One broken benchmark (missing infrastructure, say) must not cost the others' numbers.
    try {
      rows.push(...(await BENCHES[name]!()));
    } catch (err) {
      const error = String((err as Error)?.stack ?? err).split("\n").slice(0, 3).join(" | ").slice(0, 600);
      console.error(`benchmark ${name} failed: ${error}`);
      failed.push({ name, error });
    }
  }
  console.log(printTable(rows));
  // import.meta.url is the esbuild bundle under .cache/bench/: resolve from the repo root.
  const dir = fileURLToPath(new URL("../../bench/results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify({ machine: machine(), rows, ...(failed.length ? { failed } : {}) }, null, 2) + "\n");
  console.error(`machine: ${JSON.stringify(machine())}\nwrote ${file}`);
  if (failed.length) console.error(`FAILED: ${failed.map((f) => f.name).join(", ")}`);
  return failed.length ? 1 : 0;
}

// The snapshot-rss child: this bundle run directly (`node .cache/bench/main.mjs --snapshot-rss-child …`).
if (process.argv[2] === RSS_CHILD_FLAG && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
