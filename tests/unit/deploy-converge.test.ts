import { describe, expect, it } from "vitest";
import { checkConverged } from "../../lib/deploy/converge-check.ts";
import type { ServiceInfo, TaskInfo } from "../../lib/deploy/stack-state.ts";

const T0 = 1_000_000;
const task = (over: Partial<TaskInfo> = {}): TaskInfo => ({ id: "t", state: "running", desired: "running", createdAt: T0 + 10, containerId: "c", health: "healthy", ...over });
const svc = (over: Partial<ServiceInfo> = {}): ServiceInfo => ({ id: "s", name: "st_app", replicas: 1, currentSince: 0, labels: {}, image: "i", spec: {}, tasks: [task()], ...over });

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
    const updating = svc({ updateState: "updating", updateStartedAt: T0 + 5, currentSince: T0 + 5, tasks: [task({ createdAt: T0 - 100 })] });
    expect(checkConverged([updating], { since: T0 }).state).toBe("pending");
    // Template changed but the rolling update has not started: the old task is not current.
    const notStarted = svc({ currentSince: Number.POSITIVE_INFINITY, tasks: [task({ createdAt: T0 - 100 })] });
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
