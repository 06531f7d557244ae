// Hashing in a second process: the same digests as in-thread hashing, for awkward (but UTF-8)
// names, and hashEntries splits a large enough tree between both.
import { createHash } from "node:crypto";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { sha256InChild } from "../../lib/volumes/hash-child.ts";
import { hashEntries } from "../../lib/volumes/hash-entries.ts";
import { walkTree } from "../../lib/volumes/walk.ts";

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "ccw-hash-child-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

it("gives the digests of each file in order, whatever the name", async () => {
  const names = ["plain.txt", "with space", "line\nbreak", "café-ünïcode", "-leading-dash", "empty"];
  for (const [i, n] of names.entries()) await writeFile(join(dir, n), n === "empty" ? "" : `content ${i}`);
  const digests = await sha256InChild(names.map((n) => join(dir, n)));
  expect(digests).toEqual(names.map((n, i) => sha(n === "empty" ? "" : `content ${i}`)));
  await expect(sha256InChild([join(dir, "missing")])).rejects.toThrow(/failed/);
});

it("hashEntries shares a large tree with the child and gets every digest right", async () => {
  // Sparse files: 3 × 40 MiB of zeros read from holes, past the threshold for a second process.
  const zeros = sha(Buffer.alloc(40 << 20));
  for (const n of ["a.img", "b.img", "c.img"]) {
    await writeFile(join(dir, n), "");
    await truncate(join(dir, n), 40 << 20);
  }
  await writeFile(join(dir, "small"), "tiny");
  const { entries } = await walkTree(dir);
  const counter = { bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 };
  await hashEntries(dir, entries, { counter, phase: "hash" });
  const byPath = Object.fromEntries(entries.filter((e) => e.type === "file").map((e) => [e.path, e.sha256]));
  expect(byPath).toEqual({ "a.img": zeros, "b.img": zeros, "c.img": zeros, small: sha("tiny") });
  expect(counter.filesDone).toBe(4);
  expect(counter.bytesDone).toBe(3 * (40 << 20) + 4);
});
