// A real 8 MiB tmpfs: checkDiskBudget refuses before anything is written.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommandOrThrow } from "../../lib/exec/mod.ts";
import { checkDiskBudget, DiskBudgetError, diskUsage } from "../../lib/disk/mod.ts";

const MiB = 1024 ** 2;
let mnt: string;

beforeAll(async () => {
  mnt = await mkdtemp(join(tmpdir(), "ccw-test-disk-tmpfs-"));
  await runCommandOrThrow("mount", ["-t", "tmpfs", "-o", "size=8m", "ccw-test-disk", mnt]);
});
afterAll(async () => {
  await runCommandOrThrow("umount", [mnt]);
  await rm(mnt, { recursive: true, force: true });
});

describe("checkDiskBudget on a small tmpfs", () => {
  it("reports the filesystem's real size", async () => {
    const [u] = await diskUsage([mnt]);
    expect(u!.totalBytes).toBe(8 * MiB);
    expect(u!.usedBytes).toBe(0);
    expect(u!.percent).toBe(0);
  });

  it("refuses a write that would pass the threshold, before writing anything", async () => {
    const err = await checkDiskBudget(mnt, 6 * MiB, { maxUsePercent: 50 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DiskBudgetError);
    expect((err as Error).message).toMatch(new RegExp(`^not enough disk on ${mnt}: writing 6\\.0 MiB would take it from 0% to 75% used, the limit is 50%`));
    expect(await readdir(mnt)).toEqual([]);
    await expect(checkDiskBudget(mnt, 3 * MiB, { maxUsePercent: 50 })).resolves.toMatchObject({ path: mnt });
  });

  it("refuses a write that does not fit at all, which the filesystem really would reject", async () => {
    await writeFile(join(mnt, "fill"), Buffer.alloc(7 * MiB, 1));
    const [u] = await diskUsage([mnt]);
    expect(u!.percent).toBeGreaterThanOrEqual(87.5);
    const err = await checkDiskBudget(mnt, 2 * MiB, { maxUsePercent: 100 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DiskBudgetError);
    expect((err as Error).message).toContain("only 1.0 MiB free");
    expect(await readdir(mnt)).toEqual(["fill"]);
    // The check is not arbitrary: the same write for real hits ENOSPC.
    await expect(writeFile(join(mnt, "more"), Buffer.alloc(2 * MiB, 1))).rejects.toThrow(/ENOSPC/);
    await rm(join(mnt, "more"), { force: true });
  });
});
