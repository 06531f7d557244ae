#!/usr/bin/env node
/**
 * The `cc-warm` command line. `cc-warm --help` lists the graphs.
 * @module
 */
import { generalHelp } from "./lib/cli/help-general.ts";
import { catalog } from "./tasks/catalog.ts";

const argv = process.argv.slice(2);
// Fast path: the general help needs neither zod nor the runner.
if (argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h"))) {
  (argv.length ? process.stdout : process.stderr).write(generalHelp(catalog));
  process.exit(argv.length ? 0 : 2);
}

const controller = new AbortController();
let signals = 0;
const onSignal = (name: string) => {
  signals++;
  if (signals === 1) {
    process.stderr.write(`cc-warm: ${name} received: cancelling; teardown tasks still run\n`);
    controller.abort(new DOMException(`cancelled by ${name}`, "AbortError"));
  } else {
    process.stderr.write(`cc-warm: ${name} again: still tearing down (SIGKILL forces, and may leave state for recovery)\n`);
  }
};
// Deno's node:process shim does not deliver SIGTERM to process.on listeners: use its own API.
const deno = (globalThis as { Deno?: { addSignalListener(s: string, f: () => void): void } }).Deno;
for (const name of ["SIGINT", "SIGTERM"] as const) {
  if (deno) deno.addSignalListener(name, () => onSignal(name));
  else process.on(name, () => onSignal(name));
}

const { runCli } = await import("./lib/cli/main.ts");
const code = await runCli(argv, catalog, {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  signal: controller.signal,
});
process.exitCode = code;
// Let stdout drain, then exit even if a stray handle (an aborted task) is still open.
process.stdout.write("", () => process.exit(code));
