import { describe, expect, it } from "vitest";
import { defineGraph, defineTask, delay, GraphDefinitionError, GraphRunError, runGraph, runGraphOrThrow } from "../../mod.ts";
import type { RunEvent } from "../../mod.ts";

const noop = (id: string, needs: string[] = [], rule?: "success" | "failure" | "always") =>
  defineTask({ id, needs, rule, run: () => id });

describe("graph definition", () => {
  it("rejects duplicate ids, naming them", () => {
    const err = (() => {
      try {
        defineGraph({ id: "g", tasks: [noop("a"), noop("b"), noop("a")] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GraphDefinitionError);
    expect((err as GraphDefinitionError).ids).toEqual(["a"]);
    expect((err as Error).message).toContain("duplicate task ids: a");
  });

  it("rejects unknown needs, naming the task and the missing id", () => {
    expect(() => defineGraph({ id: "g", tasks: [noop("a", ["ghost"])] })).toThrow(/unknown needs: a -> ghost/);
  });

  it("rejects cycles, naming the ids on the cycle", () => {
    try {
      defineGraph({ id: "g", tasks: [noop("root"), noop("a", ["root", "c"]), noop("b", ["a"]), noop("c", ["b"])] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GraphDefinitionError);
      expect(new Set((e as GraphDefinitionError).ids)).toEqual(new Set(["a", "b", "c"]));
      expect((e as Error).message).toMatch(/cycle in graph: /);
    }
  });

  it("orders tasks topologically", () => {
    const g = defineGraph({ id: "g", tasks: [noop("c", ["b"]), noop("b", ["a"]), noop("a")] });
    expect(g.tasks.map((t) => t.id)).toEqual(["a", "b", "c"]);
  });
});

describe("running", () => {
  it("runs a diamond's shared dependency once and passes typed outputs", async () => {
    let calls = 0;
    const top = defineTask({ id: "top", run: () => (calls++, 21) });
    const left = defineTask({ id: "left", needs: [top], run: (c) => c.output(top)! * 2 });
    const right = defineTask({ id: "right", needs: [top], run: async (c) => (await delay(5), c.output(top)! + 1) });
    const bottom = defineTask({ id: "bottom", needs: [left, right], run: (c) => `${c.output(left)}/${c.output(right)}` });
    const run = await runGraph(defineGraph({ id: "diamond", tasks: [top, left, right, bottom] }), {});
    expect(calls).toBe(1);
    expect(run.status).toBe("passed");
    expect(run.output(bottom)).toBe("42/22");
    expect(Object.values(run.tasks).every((t) => t.state === "succeeded" && t.attempts === 1)).toBe(true);
  });

  it("skips success dependents after a failure and runs failure + always tasks", async () => {
    const ran: string[] = [];
    const t = (id: string, needs: string[], rule?: "success" | "failure" | "always", fail = false) =>
      defineTask({ id, needs, rule, run: () => { ran.push(id); if (fail) throw new Error(`${id} broke`); } });
    const graph = defineGraph({
      id: "g",
      tasks: [t("a", []), t("b", ["a"], "success", true), t("c", ["b"]), t("d", ["c"]), t("rollback", ["d"], "failure"), t("cleanup", ["d"], "always")],
    });
    const run = await runGraph(graph, {});
    expect(run.status).toBe("failed");
    expect(ran).toEqual(["a", "b", "rollback", "cleanup"]);
    expect(run.tasks.c).toMatchObject({ state: "skipped", skipReason: "upstream-failed" });
    expect(run.tasks.d).toMatchObject({ state: "skipped", skipReason: "upstream-failed" });
    expect(run.tasks.rollback!.state).toBe("succeeded");
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]!.message).toBe('task "b" failed: b broke');
    expect(run.error).toBeInstanceOf(GraphRunError);
    expect(run.error!.errors[0].cause.message).toBe("b broke");
    await expect(runGraphOrThrow(graph, {})).rejects.toBeInstanceOf(GraphRunError);
  });

  it("does not trigger failure tasks when everything passed", async () => {
    const run = await runGraph(defineGraph({ id: "g", tasks: [noop("a"), noop("rb", ["a"], "failure"), noop("after", ["rb"])] }), {});
    expect(run.tasks.rb).toMatchObject({ state: "skipped", skipReason: "not-triggered" });
    expect(run.tasks.after).toMatchObject({ state: "skipped", skipReason: "upstream-skipped" });
    expect(run.status).toBe("passed");
  });

  it("cancellation aborts running tasks, cancels pending ones, and still runs teardown", async () => {
    const controller = new AbortController();
    let teardownSignalAborted: boolean | undefined;
    const slow = defineTask({ id: "slow", run: (c) => delay(10_000, { signal: c.signal }) });
    const next = noop("next", ["slow"]);
    const rollback = defineTask({ id: "rollback", needs: [next], rule: "failure", run: () => "rolled back" });
    const unlock = defineTask({
      id: "unlock",
      needs: [rollback],
      rule: "always",
      run: async (c) => { await delay(20); teardownSignalAborted = c.signal.aborted; return c.cancelled; },
    });
    setTimeout(() => controller.abort(), 30);
    const run = await runGraph(defineGraph({ id: "g", tasks: [slow, next, rollback, unlock] }), {}, { signal: controller.signal });
    expect(run.status).toBe("cancelled");
    expect(run.tasks.slow!.state).toBe("cancelled");
    expect(run.tasks.next!.state).toBe("cancelled");
    expect(run.tasks.rollback!.state).toBe("succeeded");
    expect(run.tasks.unlock!.state).toBe("succeeded");
    expect(run.output(unlock)).toBe(true);
    expect(teardownSignalAborted).toBe(false);
    expect(run.errors).toEqual([]);
  });

  it("gives teardown tasks their own deadline after cancellation", async () => {
    const controller = new AbortController();
    controller.abort();
    const hang = defineTask({ id: "hang", rule: "always", run: (c) => delay(60_000, { signal: c.signal }) });
    const run = await runGraph(defineGraph({ id: "g", tasks: [hang], teardownDeadlineMs: 50 }), {}, { signal: controller.signal, abortGraceMs: 10 });
    expect(run.status).toBe("cancelled");
    expect(run.tasks.hang!.state).toBe("failed");
    expect(run.tasks.hang!.error).toMatchObject({ name: "TimeoutError" });
  });

  it("times out a task that overruns, even one that ignores its signal", async () => {
    const stubborn = defineTask({ id: "stubborn", timeoutMs: 30, run: () => new Promise(() => {}) });
    const polite = defineTask({ id: "polite", timeoutMs: 30, run: (c) => delay(5_000, { signal: c.signal }) });
    const run = await runGraph(defineGraph({ id: "g", tasks: [stubborn, polite] }), {}, { abortGraceMs: 20 });
    expect(run.status).toBe("failed");
    for (const id of ["stubborn", "polite"]) {
      expect(run.tasks[id]!.state).toBe("failed");
      expect(run.tasks[id]!.error).toMatchObject({ name: "TimeoutError", message: `task "${id}" timed out after 30 ms` });
    }
  });

  it("retries with backoff and records attempts", async () => {
    let n = 0;
    const events: RunEvent[] = [];
    const flaky = defineTask({ id: "flaky", retry: { attempts: 3, backoffMs: 5 }, run: () => { if (++n < 3) throw new Error(`try ${n}`); return n; } });
    const run = await runGraph(defineGraph({ id: "g", tasks: [flaky] }), {}, { onEvent: (e) => events.push(e) });
    expect(run.status).toBe("passed");
    expect(run.tasks.flaky!.attempts).toBe(3);
    const retries = events.filter((e) => e.type === "task-retry");
    expect(retries.map((e) => (e as { delayMs: number }).delayMs)).toEqual([5, 10]);
  });

  it("fails after the last retry", async () => {
    const broken = defineTask({ id: "broken", retry: { attempts: 2, backoffMs: 1 }, run: () => { throw new Error("always"); } });
    const run = await runGraph(defineGraph({ id: "g", tasks: [broken] }), {});
    expect(run.tasks.broken).toMatchObject({ state: "failed", attempts: 2 });
  });

  it("never runs more tasks at once than the concurrency bound", async () => {
    let active = 0;
    let peak = 0;
    const tasks = Array.from({ length: 20 }, (_, i) =>
      defineTask({ id: `t${i}`, run: async () => { active++; peak = Math.max(peak, active); await delay(5); active--; } })
    );
    const run = await runGraph(defineGraph({ id: "g", tasks, concurrency: 3 }), {});
    expect(run.status).toBe("passed");
    expect(peak).toBe(3);
  });

  it("masks registered secrets in logs, progress and errors", async () => {
    const events: RunEvent[] = [];
    const leak = defineTask({
      id: "leak",
      run: (c) => {
        c.secret("s3cr3t-value");
        c.log("password is s3cr3t-value");
        c.progress(1, 2, "steps", "using s3cr3t-value");
        throw new Error("login failed for s3cr3t-value");
      },
    });
    const run = await runGraph(defineGraph({ id: "g", tasks: [leak] }), {}, { onEvent: (e) => events.push(e), secrets: ["pre-known-secret"] });
    const text = JSON.stringify(events) + JSON.stringify(run);
    expect(text).not.toContain("s3cr3t-value");
    expect(text).toContain("password is ***");
    expect(run.errors[0]!.message).toContain("login failed for ***");
  });

  it("emits run and task events in order", async () => {
    const events: RunEvent[] = [];
    await runGraph(defineGraph({ id: "g", tasks: [noop("a"), noop("b", ["a"])] }), {}, { onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type + ("task" in e && e.task ? `:${e.task}` : ""))).toEqual([
      "run-start", "task-start:a", "task-end:a", "task-start:b", "task-end:b", "run-end",
    ]);
    expect(new Set(events.map((e) => e.runId)).size).toBe(1);
  });

  it("serialises the run result to plain JSON without functions", async () => {
    const run = await runGraph(defineGraph({ id: "g", tasks: [noop("a")] }), {});
    const json = JSON.parse(JSON.stringify(run));
    expect(Object.keys(json).sort()).toEqual(["durationMs", "errors", "graph", "runId", "startedAt", "status", "tasks"]);
    expect(json.tasks.a).toMatchObject({ id: "a", state: "succeeded", rule: "success", attempts: 1 });
  });

  it("runs a long chain of synchronous tasks without deep recursion", async () => {
    const tasks = Array.from({ length: 20_000 }, (_, i) => noop(`t${i}`, i ? [`t${i - 1}`] : []));
    const run = await runGraph(defineGraph({ id: "chain", tasks }), {});
    expect(run.status).toBe("passed");
  });
});
