#!/usr/bin/env node
// Bundle the TypeScript benchmarks with esbuild (packages stay external) and run them on Node.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outfile = `${root}.cache/bench/main.mjs`;
await build({
  entryPoints: [`${root}bench/main.ts`],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  logLevel: "warning",
});
const { main } = await import(outfile);
process.exitCode = await main(process.argv.slice(2));
