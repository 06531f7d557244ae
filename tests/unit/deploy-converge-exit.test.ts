import { describe, expect, it } from "vitest";
import { checkConverged } from "../../lib/deploy/converge-check.ts";
import type { ServiceInfo, TaskInfo } from "../../lib/deploy/stack-state.ts";

const T0 = 1_000_000;
const task = (over: Partial<TaskInfo> = {}): TaskInfo => ({ id: "t", state: "running", desired: "running", createdAt: T0 + 10, containerId: "c", health: "healthy", current: true, ...over });
const svc = (tasks: TaskInfo[]): ServiceInfo => ({ id: "s", name: "st_app", mode: "replicated", replicas: 1, restartCondition: "any", hasHealthcheck: true, labels: {}, image: "i", spec: {}, tasks });

describe("checkConverged: tasks that exit cleanly", () => {
  // Swarm stops an unhealthy container with SIGTERM; a SIGTERM-aware app exits 0 and its task is
  // "complete", not "failed". Seen on the demo's `broken` ref: without this, converge waited out
  // its whole timeout instead of failing after three exits.
  it("counts completed tasks of a long-running service as failures", () => {
    const exits = [1, 2, 3].map((i) => task({ id: `t${i}`, state: "complete", desired: "shutdown", createdAt: T0 + i, health: "unhealthy" }));
    const res = checkConverged([svc([...exits, task({ id: "t4", health: "starting", createdAt: T0 + 4 })])], { since: T0 });
    expect(res.state).toBe("failed");
    expect(res.failure).toMatch(/3 tasks failed; last: complete/);
  });

  it("two clean exits are not yet a failure", () => {
    const exits = [1, 2].map((i) => task({ id: `t${i}`, state: "complete", desired: "shutdown", createdAt: T0 + i }));
    expect(checkConverged([svc([...exits, task({ id: "t3", health: "starting", createdAt: T0 + 3 })])], { since: T0 }).state).toBe("pending");
  });
});
