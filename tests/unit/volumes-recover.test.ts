// Recovery rules on constructed crash states (real directories): each interrupted point of the
// swap is recovered deterministically.
import { execa } from "execa";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recoverSnapshots, snapshotVolumes, verifySnapshot, volumeKeys } from "../../lib/volumes/mod.ts";
import { touchTime } from "../../lib/volumes/metadata.ts";
import { newSnapshotId } from "../../lib/volumes/layout.ts";

let base: string;
let state: string;
let rd: string;
const vol = () => ({ name: "stk_data", mountpoint: join(base, "data") });
const snap = (commit: string) => snapshotVolumes([vol()], { stateDir: state, recipe: "demo", commit, mountCheck: async () => {} });

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "ccw-test-volumes-"));
  [state, rd] = [join(base, "state"), join(base, "state", "demo")];
  await mkdir(join(base, "data"), { recursive: true });
  await writeFile(join(base, "data", "f"), "v1");
});
afterEach(async () => { await rm(base, { recursive: true, force: true }); });

/** Complete snapshots (with MANIFEST) of each commit, then placed at `rd/<name>` (built first:
 * a snapshot runs recovery, which would tidy the other crash states away). */
async function place(states: Record<string, string>): Promise<void> {
  for (const [name, c] of Object.entries(states)) {
    await snap(c);
    await rename(join(rd, "known-good"), join(base, `hold-${c}`));
  }
  for (const [name, c] of Object.entries(states)) await rename(join(base, `hold-${c}`), join(rd, name));
}

describe("recoverSnapshots", () => {
  it("removes a .tmp without MANIFEST and keeps known-good", async () => {
    await snap("c1");
    await mkdir(join(rd, `.tmp-${newSnapshotId()}`, "data"), { recursive: true });
    const actions = await recoverSnapshots(state, "demo");
    expect(actions.map((a) => a.action)).toEqual(["removed-tmp"]);
    expect(await readdir(rd)).toEqual(["known-good"]);
    expect((await verifySnapshot(state, "demo")).commit).toBe("c1");
  });

  it("undoes a swap interrupted between its renames (known-good missing, .old and a complete .tmp)", async () => {
    const id = newSnapshotId();
    await place({ [`.old-${id}`]: "old", [`.tmp-${id}`]: "new" });
    const actions = await recoverSnapshots(state, "demo");
    expect(actions.map((a) => a.action).sort()).toEqual(["removed-tmp", "restored-old"]);
    expect(await readdir(rd)).toEqual(["known-good"]);
    const v = await verifySnapshot(state, "demo");
    expect([v.ok, v.commit]).toEqual([true, "old"]);
  });

  it("drops a leftover .old once the new known-good is in place", async () => {
    const id = newSnapshotId();
    await place({ [`.old-${id}`]: "old", "known-good": "new" });
    expect((await readdir(rd)).sort()).toEqual([`.old-${id}`, "known-good"].sort());
    await recoverSnapshots(state, "demo");
    expect(await readdir(rd)).toEqual(["known-good"]);
    expect((await verifySnapshot(state, "demo")).commit).toBe("new");
  });

  it("never promotes an uncommitted .tmp, even a complete one", async () => {
    await place({ [`.tmp-${newSnapshotId()}`]: "uncommitted" });
    await recoverSnapshots(state, "demo");
    expect(await readdir(rd)).toEqual([]);
  });

  it("a global sweep leaves work directories of a live writer alone", async () => {
    await snap("c1");
    const live = `.tmp-${newSnapshotId()}`; // carries this (live) process's pid
    await mkdir(join(rd, live));
    expect(await recoverSnapshots(state)).toEqual([]);
    // A dead writer's leftovers are swept globally.
    const exited = execa("true");
    await exited;
    const dead = exited.pid;
    expect(dead).toBeGreaterThan(0);
    await mkdir(join(rd, `.tmp-zz-${dead}-0a`));
    await rm(join(rd, live), { recursive: true });
    expect((await recoverSnapshots(state)).map((a) => a.action)).toEqual(["removed-tmp"]);
    await mkdir(join(rd, live));
    expect((await readdir(rd)).sort()).toEqual([live, "known-good"].sort());
    await recoverSnapshots(state, "demo"); // the lock holder recovers everything
    expect(await readdir(rd)).toEqual(["known-good"]);
  });
});

describe("helpers", () => {
  it("maps docker volume names to stable keys", () => {
    expect(volumeKeys([{ name: "warm-demo_ci_local_db-data", mountpoint: "/x" }], "warm-demo_ci_local")).toEqual(["db-data"]);
    expect(volumeKeys([{ name: "plain", mountpoint: "/x" }])).toEqual(["plain"]);
    expect(volumeKeys([{ name: "a_b", mountpoint: "/x", key: "b" }])).toEqual(["b"]);
    expect(() => volumeKeys([{ name: "x", mountpoint: "/x", key: "MANIFEST" }])).toThrow(/unusable key/);
    expect(() => volumeKeys([{ name: "x", mountpoint: "relative" }])).toThrow(/absolute/);
  });

  it("formats exact touch times", () => {
    expect(touchTime("1700000000123456789")).toBe("@1700000000.123456789");
    expect(touchTime("5")).toBe("@0.000000005");
  });
});
