import { readLock } from "../../lib/lock/status.ts";
import { execa } from "execa";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getCanonical, markClean, markDirty, readRegistry, recordQuickRun, RegistryError, registryPath, updateCanonical } from "../../lib/canonical/mod.ts";
import { InputError } from "../../lib/errors.ts";

const DIGEST = "0123456789abcdef".repeat(4);
const CHILD = resolve(import.meta.dirname, "../helpers/volumes-registry-child.ts");
const deno = (args: string[]) => execa("npx", ["deno", "run", "-A", "--config", resolve(import.meta.dirname, "../../deno.json"), CHILD, ...args], { timeout: 120_000 });

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "ccw-test-registry-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const seed = () => updateCanonical(dir, "demo", { knownGoodCommit: "3f2a1b0", manifestDigest: DIGEST, promotedAt: "2026-01-02T03:04:05.000Z" });

describe("registry", () => {
  it("treats a missing file as empty and creates entries with defaults", async () => {
    expect(await readRegistry(dir)).toEqual({ version: 1, canonicals: {} });
    expect(await getCanonical(dir, "demo")).toBeUndefined();
    const e = await seed();
    expect(e).toEqual({ recipe: "demo", knownGoodCommit: "3f2a1b0", manifestDigest: DIGEST, promotedAt: "2026-01-02T03:04:05.000Z", dirty: false, quickRuns: 0 });
    const onDisk = JSON.parse(await readFile(registryPath(dir), "utf8"));
    expect(onDisk.canonicals.demo.knownGoodCommit).toBe("3f2a1b0");
    // No temp files beside it; the registry lock (the one lock module's queue) is released.
    expect((await readdir(dir)).sort()).toEqual(["locks", "registry.json"]);
    expect(await readLock(dir, "registry.json")).toBeUndefined();
  });

  it("refuses an incomplete new entry, naming the missing field, and writes nothing", async () => {
    const err = await updateCanonical(dir, "demo", { knownGoodCommit: "abc" }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/manifestDigest/);
    expect((await readdir(dir)).filter((n) => n !== "locks")).toEqual([]);
    expect(await readLock(dir, "registry.json")).toBeUndefined();
  });

  it("marks dirty/clean and counts quick runs without moving the known-good", async () => {
    await seed();
    const d = await markDirty(dir, "demo", { at: new Date("2026-02-01T00:00:00Z") });
    expect(d).toMatchObject({ dirty: true, dirtySince: "2026-02-01T00:00:00.000Z" });
    await markDirty(dir, "demo"); // stays dirty since the first time
    expect((await getCanonical(dir, "demo"))?.dirtySince).toBe("2026-02-01T00:00:00.000Z");
    const q = await recordQuickRun(dir, "demo", { verdict: "fail", at: new Date("2026-02-02T00:00:00Z") });
    expect(q).toMatchObject({ quickRuns: 1, lastQuickVerdict: "fail", lastQuickAt: "2026-02-02T00:00:00.000Z", knownGoodCommit: "3f2a1b0", manifestDigest: DIGEST });
    const c = await markClean(dir, "demo");
    expect(c.dirty).toBe(false);
    expect(c.dirtySince).toBeUndefined();
    await expect(markDirty(dir, "nope")).rejects.toThrow(/nope has no canonical/);
    expect(await updateCanonical(dir, "demo", () => undefined)).toBeUndefined();
    expect(await getCanonical(dir, "demo")).toBeUndefined();
  });

  it("names the file and the field of a damaged registry", async () => {
    await seed();
    const file = registryPath(dir);
    const reg = JSON.parse(await readFile(file, "utf8"));
    reg.canonicals.demo.manifestDigest = "not-a-digest";
    await writeFile(file, JSON.stringify(reg));
    const err = await readRegistry(dir).catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.file).toBe(file);
    expect(err.field).toBe("canonicals.demo.manifestDigest");
    expect(err.message).toContain(file);

    await writeFile(file, '{"version":1,"canonicals":{"demo":');
    const err2 = await getCanonical(dir, "demo").catch((e) => e);
    expect(err2).toBeInstanceOf(RegistryError);
    expect(err2.message).toMatch(new RegExp(`${file}: \\(root\\): not valid JSON`));

    reg.canonicals.demo.manifestDigest = DIGEST;
    reg.canonicals.demo.recipe = "other";
    await writeFile(file, JSON.stringify(reg));
    expect((await readRegistry(dir).catch((e) => e)).field).toBe("canonicals.demo.recipe");
  });

  it("readers never see a partial file while another process rewrites it", async () => {
    await seed();
    const writer = deno(["write", dir, "150"]);
    let reads = 0;
    let done = false;
    void writer.finally(() => { done = true; });
    while (!done) {
      const reg = await readRegistry(dir); // throws on a partial or invalid file
      expect(reg.version).toBe(1);
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(10);
    expect(Object.keys((await readRegistry(dir)).canonicals)).toHaveLength(300);
    expect((await readdir(dir)).filter((n) => n !== "registry.json" && n !== "locks")).toEqual([]);
  }, 120_000);

  it("concurrent read-modify-writes from several processes lose no update", async () => {
    await seed();
    await Promise.all([deno(["quick", dir, "demo", "15"]), deno(["quick", dir, "demo", "15"]), deno(["quick", dir, "demo", "15"]),
      ...Array.from({ length: 15 }, () => recordQuickRun(dir, "demo", { verdict: "pass" }))]);
    expect((await getCanonical(dir, "demo"))?.quickRuns).toBe(60);
  }, 120_000);
});
