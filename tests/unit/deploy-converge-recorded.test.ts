// The converge check over Docker's own JSON, recorded on the real swarm (Engine 20.10, CLI 28)
// with tests/fixtures/swarm/record.sh from a stack of: app (changed by the deploys), db (never
// changed), init (`restart_policy: condition: none`, exits 0), job (`mode: replicated-job`) and
// bad (`condition: none`, exits 3).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConverged } from "../../lib/deploy/converge-check.ts";
import { parseStackState, type RawStackState } from "../../lib/deploy/stack-parse.ts";
import { normalizeTaskSpec, sameTaskSpec } from "../../lib/deploy/task-spec.ts";

const load = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/swarm/${name}.json`, import.meta.url), "utf8")) as RawStackState & { recordedAt: string };
// A poll within two seconds of the deploy that led to the recording.
const check = (name: string, only: string[]) => {
  const raw = load(name);
  const services = parseStackState(raw).filter((s) => only.some((o) => s.name.endsWith(`_${o}`)));
  return checkConverged(services, { since: Date.parse(raw.recordedAt) - 2000 });
};
const detail = (c: ReturnType<typeof check>, name: string) => c.services.find((s) => s.name.endsWith(`_${name}`))!;

describe("task specs", () => {
  it("`docker service inspect` fills in Swarm's defaults that task specs lack; they compare equal", () => {
    const raw = load("noop-redeploy");
    const db = (raw.services as { ID: string; Spec: { Name: string; TaskTemplate: unknown } }[]).find((s) => s.Spec.Name.endsWith("_db"))!;
    const task = (raw.tasks as { ServiceID: string; Spec: unknown }[]).find((t) => t.ServiceID === db.ID)!;
    expect(JSON.stringify(task.Spec)).not.toBe(JSON.stringify(db.Spec.TaskTemplate));
    expect(sameTaskSpec(task.Spec, db.Spec.TaskTemplate)).toBe(true);
  });

  it("a real change (env, stop grace period, restart policy) still differs", () => {
    const base = { ContainerSpec: { Image: "i", Env: ["V=1"] }, RestartPolicy: { Condition: "any", Delay: 5e9 } };
    expect(sameTaskSpec(base, { ...base, ContainerSpec: { Image: "i", Env: ["V=2"] } })).toBe(false);
    expect(sameTaskSpec(base, { ...base, ContainerSpec: { ...base.ContainerSpec, StopGracePeriod: 20e9 } })).toBe(false);
    expect(sameTaskSpec(base, { ...base, RestartPolicy: { Condition: "none" } })).toBe(false);
    expect(normalizeTaskSpec({ ...base, ForceUpdate: 0, Placement: {} })).toEqual({ ContainerSpec: { Image: "i", Env: ["V=1"] } });
  });
});

describe("checkConverged over recorded stacks", () => {
  it("a no-op redeploy: unchanged services are converged at once (not 'no task scheduled yet')", () => {
    const c = check("noop-redeploy", ["app", "db", "init"]);
    expect(c.state).toBe("converged");
    expect(detail(c, "init")).toMatchObject({ kind: "one-shot", want: 1, ready: 1, detail: "" });
  });

  it("one service changed: the others are converged while it updates; then all are", () => {
    const during = check("one-changed-t0", ["app", "db", "init"]);
    expect(during.state).toBe("pending");
    expect(detail(during, "app").detail).toBe("update in progress");
    expect(detail(during, "db")).toMatchObject({ ready: 1, detail: "" });
    expect(check("one-changed-settled", ["app", "db", "init", "job"]).state).toBe("converged");
  });

  it("a job re-runs on every deploy: pending until the current iteration completes", () => {
    expect(detail(check("noop-redeploy", ["job"]), "job")).toMatchObject({ kind: "one-shot", ready: 0, detail: "one-shot task assigned" });
    expect(detail(check("one-changed-settled", ["job"]), "job")).toMatchObject({ ready: 1, detail: "" });
  });

  it("a changed one-shot: pending while its new task runs, converged when it exits 0 (Swarm's 'paused' is not a failure)", () => {
    expect(detail(check("oneshot-changed-t0", ["init"]), "init").detail).toBe("one-shot task assigned");
    const settled = check("oneshot-changed-settled", ["init", "app", "db"]);
    expect(settled.state).toBe("converged");
  });

  it("a one-shot that exited non-zero fails the stack at once, naming the exit code", () => {
    const c = check("noop-redeploy", ["db", "bad"]);
    expect(c.state).toBe("failed");
    expect(c.failure).toMatch(/^service ccw-test-fidexp_bad: one-shot task exited 3 \(task: non-zero exit \(3\)\)$/);
  });
});
