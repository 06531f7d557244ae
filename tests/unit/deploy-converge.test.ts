import { describe, expect, it } from "vitest";
import { checkConverged } from "../../lib/deploy/converge-check.ts";
import type { ServiceInfo, TaskInfo } from "../../lib/deploy/stack-state.ts";

const T0 = 1_000_000;
const task = (over: Partial<TaskInfo> = {}): TaskInfo => ({ id: "t", state: "running", desired: "running", createdAt: T0 + 10, containerId: "c", health: "healthy", current: true, ...over });
const svc = (over: Partial<ServiceInfo> = {}): ServiceInfo => ({ id: "s", name: "st_app", mode: "replicated", replicas: 1, restartCondition: "any", hasHealthcheck: true, labels: {}, image: "i", spec: {}, tasks: [task()], ...over });

describe("checkConverged", () => {
  it("converges when every wanted task runs healthy", () => {
    expect(checkConverged([svc()], { since: T0 }).state).toBe("converged");
    expect(checkConverged([svc({ tasks: [task({ health: undefined })] })], { since: T0 }).state).toBe("converged");
  });

  it("waits while health is starting, a task is pending, or nothing exists yet", () => {
    const starting = checkConverged([svc({ tasks: [task({ health: "starting" })] })], { since: T0 });
    expect(starting.state).toBe("pending");
    expect(starting.services[0]!.detail).toMatch(/starting/);
    expect(checkConverged([svc({ tasks: [task({ state: "preparing" })] })], { since: T0 }).state).toBe("pending");
    expect(checkConverged([], { since: T0 }).state).toBe("pending");
  });

  it("waits while an update is in progress and old-spec tasks still run", () => {
    const updating = svc({ updateState: "updating", updateStartedAt: T0 + 5, tasks: [task({ createdAt: T0 - 100, current: false })] });
    expect(checkConverged([updating], { since: T0 }).state).toBe("pending");
    // Template changed but the rolling update has not started: the old task is not current.
    const notStarted = svc({ tasks: [task({ createdAt: T0 - 100, current: false })] });
    expect(checkConverged([notStarted], { since: T0 }).state).toBe("pending");
  });

  it("fails on a paused or rolled-back update, naming the service and the task error", () => {
    const paused = svc({ updateState: "rollback_started", updateMessage: "update rolled back due to failure", updateStartedAt: T0 + 20, tasks: [task({ state: "failed", desired: "shutdown", error: "task: non-zero exit (137): dockerexec: unhealthy container", createdAt: T0 + 15 })] });
    const res = checkConverged([paused], { since: T0 });
    expect(res.state).toBe("failed");
    expect(res.failure).toMatch(/service st_app: update rollback_started: update rolled back.*unhealthy container/);
  });

  it("ignores an old paused update from before this deploy", () => {
    expect(checkConverged([svc({ updateState: "paused", updateStartedAt: T0 - 60_000 })], { since: T0 }).state).toBe("converged");
  });

  it("fails when current tasks keep failing", () => {
    const failing = [1, 2, 3].map((i) => task({ id: `t${i}`, state: "failed", desired: "shutdown", error: `exit ${i}`, createdAt: T0 + i }));
    const res = checkConverged([svc({ tasks: [...failing, task({ state: "starting" })] })], { since: T0 });
    expect(res.state).toBe("failed");
    expect(res.failure).toBe("service st_app: 3 tasks failed; last: exit 3");
    expect(checkConverged([svc({ tasks: failing.slice(0, 2) })], { since: T0 }).state).toBe("pending");
  });
});

describe("checkConverged: restart policies and one-shots", () => {
  const oneShot = (over: Partial<ServiceInfo> = {}) => svc({ name: "st_init", restartCondition: "none", hasHealthcheck: false, ...over });
  it("an on-failure service without a healthcheck that exited 0 is done; with `any` it is a failure", () => {
    const exited = [task({ state: "complete", desired: "shutdown", exitCode: 0, health: undefined })];
    expect(checkConverged([svc({ restartCondition: "on-failure", hasHealthcheck: false, tasks: exited })], { since: T0 }).state).toBe("converged");
    expect(checkConverged([svc({ tasks: exited })], { since: T0 }).state).toBe("pending");
  });

  it("a one-shot is pending while its task runs, even without a healthcheck", () => {
    const res = checkConverged([oneShot({ tasks: [task({ health: undefined })] })], { since: T0 });
    expect(res.services[0]).toMatchObject({ kind: "one-shot", ready: 0, detail: "one-shot task running" });
  });

  it("a rollback cannot hide a one-shot that failed since the deploy", () => {
    const oldOk = task({ id: "old", state: "complete", desired: "shutdown", exitCode: 0, createdAt: T0 - 100 });
    const prFailed = task({ id: "pr", state: "failed", desired: "shutdown", exitCode: 1, error: "task: non-zero exit (1)", createdAt: T0 + 5, current: false });
    const res = checkConverged([oneShot({ updateState: "rollback_completed", updateStartedAt: T0 + 6, tasks: [oldOk, prFailed] })], { since: T0 });
    expect(res.state).toBe("failed");
    expect(res.failure).toBe("service st_init: one-shot task exited 1 (task: non-zero exit (1))");
  });

  it("a job with retries fails after maxTaskFailures", () => {
    const fails = [1, 2, 3].map((i) => task({ id: `f${i}`, state: "failed", exitCode: 2, createdAt: T0 + i }));
    const job = oneShot({ mode: "replicated-job", restartCondition: "any", tasks: fails.slice(0, 2) });
    expect(checkConverged([job], { since: T0 }).state).toBe("pending");
    expect(checkConverged([{ ...job, tasks: fails }], { since: T0 }).state).toBe("failed");
  });
});
