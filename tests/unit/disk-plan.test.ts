// The prune decisions as pure functions over a faked Docker inventory (the boundary).
import { describe, expect, it } from "vitest";
import { bytesToTarget, planImagePrune, planImages, planStacksAndVolumes, type DockerInventory } from "../../lib/disk/mod.ts";

const GiB = 1024 ** 3;
const H = 3_600_000;
const NOW = Date.parse("2025-06-01T12:00:00Z");
const ago = (h: number): string => new Date(NOW - h * H).toISOString();
const img = (id: string, hAgo: number, gib: number, tags = [`repo/${id}:1`]) => ({ id: `sha256:${id}`, tags, digests: [], created: ago(hAgo), bytes: gib * GiB });

describe("planImagePrune", () => {
  const images = [
    { id: "c", name: "c", created: ago(10), bytes: 5 * GiB },
    { id: "a", name: "a", created: ago(30), bytes: 4 * GiB },
    { id: "b", name: "b", created: ago(20), bytes: 3 * GiB },
    { id: "d", name: "d", created: ago(1), bytes: 6 * GiB },
  ];
  it("removes nothing within budget", () => {
    expect(planImagePrune(images, { budgetBytes: 18 * GiB, needBytes: 0 }).remove).toEqual([]);
  });
  it("removes the oldest first, only as far as the budget needs", () => {
    // 18 GiB unused, budget 12: dropping a (4) leaves 14, then b (3) leaves 11 ≤ 12: stop.
    const { remove, keep } = planImagePrune(images, { budgetBytes: 12 * GiB, needBytes: 0 });
    expect(remove.map((i) => i.id)).toEqual(["a", "b"]);
    expect(keep.map((i) => i.id)).toEqual(["c", "d"]);
  });
  it("frees at least needBytes even when within budget", () => {
    expect(planImagePrune(images, { budgetBytes: 100 * GiB, needBytes: 8 * GiB }).remove.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(planImagePrune(images, { budgetBytes: 0, needBytes: 0 }).remove).toHaveLength(4);
  });
});

describe("bytesToTarget", () => {
  const usage = { usedBytes: 90 * GiB, freeBytes: 10 * GiB, percent: 90 };
  it("is zero below the prune threshold and counts what is already being freed", () => {
    expect(bytesToTarget({ ...usage, usedBytes: 80 * GiB, freeBytes: 20 * GiB, percent: 80 }, { pruneAtPercent: 85, pruneDownToPercent: 75 }, 0)).toBe(0);
    expect(bytesToTarget(usage, { pruneAtPercent: 85, pruneDownToPercent: 75 }, 0)).toBe(15 * GiB);
    expect(bytesToTarget(usage, { pruneAtPercent: 85, pruneDownToPercent: 75 }, 5 * GiB)).toBe(10 * GiB);
    expect(bytesToTarget(usage, { pruneAtPercent: 85, pruneDownToPercent: 75 }, 50 * GiB)).toBe(0);
  });
});

describe("planStacksAndVolumes / planImages", () => {
  const inv: DockerInventory = {
    services: [
      { name: "cold_app", stack: "cold", createdAt: ago(30), updatedAt: ago(29), image: "repo/old:1", volumes: ["cold_data"] },
      { name: "fresh_app", stack: "fresh", createdAt: ago(1), updatedAt: ago(1), image: "repo/fresh:1", volumes: ["fresh_data"] },
      { name: "warm-demo_app", stack: "warm-demo", createdAt: ago(99), updatedAt: ago(99), image: "repo/warm:1@sha256:abc", volumes: ["warm-demo_data"] },
    ],
    containers: [
      { id: "c1".padEnd(64, "0"), stack: "cold", imageId: "sha256:old", volumes: ["cold_data"] },
      { id: "c2".padEnd(64, "0"), stack: undefined, imageId: "sha256:adhoc", volumes: ["busy"] },
    ],
    volumes: [
      { name: "cold_data", stack: "cold", createdAt: ago(30), mountpoint: "/x" },
      { name: "fresh_data", stack: "fresh", createdAt: ago(1), mountpoint: "/x" },
      { name: "warm-demo_data", stack: "warm-demo", createdAt: ago(99), mountpoint: "/x" },
      { name: "warm-kc_db", stack: "warm-kc", createdAt: ago(99), mountpoint: "/x" },
      { name: "gone_data", stack: "gone", createdAt: ago(10), mountpoint: "/x" },
      { name: "young_gone", stack: "gone2", createdAt: ago(2), mountpoint: "/x" },
      { name: "dangling", stack: undefined, createdAt: ago(10), mountpoint: "/x" },
      { name: "busy", stack: undefined, createdAt: ago(10), mountpoint: "/x" },
    ],
    images: [img("old", 50, 1), img("fresh", 5, 1), img("warm", 60, 1, ["repo/warm:1"]), img("adhoc", 70, 1), img("cache1", 40, 2), img("cache2", 30, 2)],
  };
  const plan = planStacksAndVolumes({ inv, protectedStacks: ["warm-demo", "warm-kc"], nowMs: NOW, graceMs: 6 * H });
  const byName = Object.fromEntries(plan.items.map((i) => [`${i.kind}:${i.name}`, i.action]));

  it("removes only old, unprotected stacks and the volumes nothing else uses", () => {
    expect(byName).toEqual({
      "stack:cold": "would-remove",
      "stack:fresh": "kept",
      "stack:warm-demo": "kept",
      "volume:busy": "kept",
      "volume:cold_data": "would-remove",
      "volume:dangling": "would-remove",
      "volume:fresh_data": "kept",
      "volume:gone_data": "would-remove",
      "volume:warm-demo_data": "kept",
      "volume:warm-kc_db": "kept",
      "volume:young_gone": "kept",
    });
    expect([...plan.removedStacks]).toEqual(["cold"]);
    expect(plan.items.find((i) => i.name === "warm-kc_db")?.reason).toContain("protected");
  });

  it("treats images of removed stacks as unused, keeps used ones, prunes the oldest unused over budget", () => {
    const items = planImages({ inv, removedStacks: plan.removedStacks, budgetGiB: 3, needBytes: 0 });
    const actions = Object.fromEntries(items.map((i) => [i.name, i.action]));
    // unused: old (50h, 1), cache1 (40h, 2), cache2 (30h, 2) = 5 GiB > 3: drop old, then cache1.
    expect(actions).toEqual({ "repo/old:1": "would-remove", "repo/cache1:1": "would-remove", "repo/cache2:1": "kept", "repo/fresh:1": "kept", "repo/warm:1": "kept", "repo/adhoc:1": "kept" });
  });

  it("limits every kind to namePrefix", () => {
    const scoped = planStacksAndVolumes({ inv, protectedStacks: [], nowMs: NOW, graceMs: 6 * H, namePrefix: "gone" });
    expect(scoped.items.map((i) => i.name)).toEqual(["gone_data"]);
    expect(planImages({ inv, removedStacks: new Set(), budgetGiB: 0, needBytes: 0, namePrefix: "cache" }).map((i) => i.name)).toEqual(["repo/cache1:1", "repo/cache2:1"]);
  });
});
