import { writeFileSync } from "node:fs";
import { z } from "zod";
import { type CommandEnv, defineCommand, type GraphCommand } from "../lib/cli/command.ts";
import { checkAbraBinary } from "../lib/deploy/abra-version.ts";
import { defineGraph } from "../lib/runner/graph.ts";
import { defineTask } from "../lib/runner/task.ts";
import { delay } from "../lib/runner/wait.ts";
import { absolutePathSchema } from "../lib/validate/names.ts";

/** Parameters of the selftest graph. */
export interface SelftestParams {
  sleep: number;
  fail: "none" | "work" | "teardown";
  marker?: string | undefined;
}

const params: z.ZodType<SelftestParams> = z.strictObject({
  sleep: z.coerce.number().int().min(0).max(3_600_000).default(0).describe("ms the work task runs (with progress)"),
  fail: z.enum(["none", "work", "teardown"]).default("none").describe("make a task fail on purpose"),
  marker: absolutePathSchema.optional().describe("file the teardown task writes (proves teardown ran)"),
});

/** Reports the runtime and the deployer (with abra: the binary's version, checked against the supported series). */
const runtime = (env: CommandEnv) =>
  defineTask<SelftestParams, string>({
    id: "runtime",
    description: "report the JavaScript runtime and the deployer (abra: binary and version)",
    run: async (ctx) => {
      const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
      const name = deno ? `deno ${deno.version.deno}` : `node ${process.versions.node}`;
      ctx.log(`runtime: ${name} on ${process.platform}/${process.arch}`);
      const { kind, abraBin } = env.config.deployer;
      ctx.log(`deployer: ${kind === "abra" ? `abra ${await checkAbraBinary(abraBin, { signal: ctx.signal })} (${abraBin})` : kind}`);
      return name;
    },
  });

const work = defineTask<SelftestParams, number>({
  id: "work",
  needs: ["runtime"],
  description: "wait `sleep` ms in steps, honouring cancellation",
  run: async (ctx) => {
    const { sleep, fail } = ctx.params;
    const step = Math.max(1, Math.min(250, sleep));
    for (let done = 0; done < sleep; done += step) {
      ctx.progress(done, sleep, "ms");
      await delay(Math.min(step, sleep - done), { signal: ctx.signal });
    }
    if (fail === "work") throw new Error("work failed on purpose (fail=work)");
    return sleep;
  },
});

const teardown = defineTask<SelftestParams, void>({
  id: "teardown",
  needs: [work],
  rule: "always",
  description: "always runs; writes the marker file if given",
  run: (ctx) => {
    if (ctx.params.marker) writeFileSync(ctx.params.marker, `teardown ran; work was ${ctx.stateOf(work)}\n`);
    if (ctx.params.fail === "teardown") throw new Error("teardown failed on purpose (fail=teardown)");
    ctx.log(`teardown ran (work ${ctx.stateOf(work)})`);
  },
});

/**
 * `cc-warm selftest`: checks the runner, event output, cancellation and teardown on this host
 * (e.g. that SIGTERM from systemd still runs teardown).
 *
 * @example
 * ```ts
 * // cc-warm selftest sleep=5000 marker=/tmp/ok   (then send SIGTERM: the marker appears)
 * ```
 */
export const selftestCommand: GraphCommand<SelftestParams> = defineCommand({
  name: "selftest",
  summary: "check the runner, events, cancellation and teardown on this host (no side effects)",
  params,
  build: (env) => defineGraph<SelftestParams>({ id: "selftest", tasks: [runtime(env), work, teardown], teardownDeadlineMs: 10_000 }),
  examples: ["cc-warm selftest sleep=3000", "cc-warm selftest fail=work --json"],
});
