// One command pipeline: the library's result is the object the CLI prints last with --json, for
// success, bad input, infrastructure errors and cancels alike; a cancel is exit 5 on both paths.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { afterEach, beforeEach, expect, test } from "vitest";
import { defineCommand } from "../../lib/cli/command.ts";
import { runCli } from "../../lib/cli/main.ts";
import { defaultConclusion } from "../../lib/cli/conclude.ts";
import { runCommandGraph } from "../../lib/cli/run-command.ts";
import { InfraError, InputError } from "../../lib/errors.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";
import { delay } from "../../lib/runner/wait.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "ccw-command-result-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const params = z.strictObject({ recipe: z.string().regex(/^[a-z]+$/, "lowercase letters only"), wait: z.coerce.number().default(0), fail: z.enum(["no", "infra"]).default("no") });
const command = defineCommand({
  name: "probe",
  summary: "test",
  params,
  build: () =>
    defineGraph<z.infer<typeof params>>({
      id: "probe",
      tasks: [
        defineTask({
          id: "work",
          run: async (ctx) => {
            if (ctx.params.fail === "infra") throw new InfraError("docker is not running");
            await delay(ctx.params.wait, { signal: ctx.signal });
            return 1;
          },
        }),
        defineTask({ id: "teardown", needs: ["work"], rule: "always", run: () => {} }),
      ],
    }),
  // Says "passed" even for a cancelled run: the pipeline must still make that exit 5.
  conclude: (run, p) => (run.status === "failed" ? defaultConclusion(run) : { exitCode: 0, result: { verdict: "passed", recipe: p.recipe }, summary: "probe ok" }),
});
const env = () => ({ CC_WARM_STATE_DIR: dir });

async function viaCli(argv: string[], signal?: AbortSignal): Promise<{ code: number; last: Record<string, unknown> }> {
  const out: string[] = [];
  const code = await runCli(["probe", ...argv, "--json"], [command], { stdout: (t) => void out.push(t), stderr: () => {}, env: env(), isTTY: false, signal });
  const lines = out.join("").trim().split("\n");
  return { code, last: JSON.parse(lines.at(-1)!) };
}

/** The fields that differ between two runs of the same thing. */
const stable = (r: Record<string, unknown>) => {
  const { runId: _r, startedAt: _s, durationMs: _d, timings, ...rest } = r;
  return { ...rest, timings: Object.keys((timings as object) ?? {}) };
};

test("a passing run: the library's result equals the CLI's last JSON line", async () => {
  const cli = await viaCli(["recipe=demo"]);
  const lib = await runCommandGraph(command, { recipe: "demo" }, { env: env() });
  expect(cli.code).toBe(0);
  expect(stable(JSON.parse(JSON.stringify(lib)))).toEqual(stable(cli.last));
  expect(lib).toMatchObject({ type: "result", graph: "probe", exitCode: 0, verdict: "passed", status: "passed", summary: "probe ok", tasks: { work: "succeeded", teardown: "succeeded" } });
});

test("bad input: exit 2 with the error named, the same on both paths, nothing run", async () => {
  const cli = await viaCli(["recipe=Demo"]);
  const lib = await runCommandGraph(command, { recipe: "Demo" }, { env: env() });
  expect(cli.code).toBe(2);
  expect(lib).toMatchObject({ type: "result", graph: "probe", exitCode: 2, verdict: "error", error: { name: "InputError", message: expect.stringContaining("recipe") } });
  expect(lib.cause).toBeInstanceOf(InputError);
  expect(Object.keys(lib)).not.toContain("cause");
  expect(lib.runId).toBeUndefined();
  expect(stable(JSON.parse(JSON.stringify(lib)))).toEqual(stable(cli.last));
});

test("an infrastructure error in a task: exit 3 on both paths", async () => {
  const cli = await viaCli(["recipe=demo", "fail=infra"]);
  const lib = await runCommandGraph(command, { recipe: "demo", fail: "infra" }, { env: env() });
  expect(cli.code).toBe(3);
  expect(lib).toMatchObject({ exitCode: 3, verdict: "error", status: "failed" });
  expect(lib.tasks).toMatchObject({ work: "failed", teardown: "succeeded" });
  expect(cli.last.tasks).toEqual(lib.tasks);
  expect((lib.errors ?? [])[0]).toMatchObject({ message: expect.stringContaining("docker is not running") });
});

test("a cancel is exit 5 with teardown run, from the library as from the CLI", async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error("SIGTERM")), 100);
  const lib = await runCommandGraph(command, { recipe: "demo", wait: 30_000 }, { env: env(), signal: ac.signal });
  expect(lib).toMatchObject({ exitCode: 5, verdict: "cancelled", status: "cancelled", tasks: { teardown: "succeeded" } });
  const ac2 = new AbortController();
  setTimeout(() => ac2.abort(new Error("SIGTERM")), 100);
  const cli = await viaCli(["recipe=demo", "wait=30000"], ac2.signal);
  expect(cli.code).toBe(5);
  expect(cli.last).toMatchObject({ exitCode: 5, verdict: "cancelled" });
});
