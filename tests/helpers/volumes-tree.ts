/**
 * Test helpers for the volumes area: build a varied tree on a real filesystem, damage it, and
 * compare two trees byte for byte (content, type, mode, owner, mtime, symlink targets).
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, chown, lstat, mkdir, open, readdir, readFile, readlink, rm, symlink, truncate, utimes, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Build a tree with nested dirs, symlinks (relative, absolute, dangling), a sparse file, odd modes, an empty file and unicode names. */
export async function buildVariedTree(root: string): Promise<void> {
  await mkdir(join(root, "a/b/c"), { recursive: true });
  await mkdir(join(root, "empty-dir"));
  await mkdir(join(root, "ünïcødé 目录"));
  await writeFile(join(root, "a/hello.txt"), "hello\n");
  await writeFile(join(root, "a/b/c/deep.bin"), randomBytes(70_000));
  await writeFile(join(root, "empty"), "");
  await writeFile(join(root, "ünïcødé 目录/файл ✓.txt"), "unicode\n");
  await writeFile(join(root, "secret.key"), "k3y");
  await chmod(join(root, "secret.key"), 0o600);
  await writeFile(join(root, "setgid-tool"), "#!/bin/sh\n");
  await chmod(join(root, "setgid-tool"), 0o2755);
  await chown(join(root, "a/hello.txt"), 999, 998);
  await chmod(join(root, "a/b"), 0o750);
  await symlink("hello.txt", join(root, "a/link-rel"));
  await symlink("/etc/hostname", join(root, "link-abs"));
  await symlink("does/not/exist", join(root, "dangling"));
  // Sparse: 64 MiB apparent, a few KiB of data in the middle.
  const fh = await open(join(root, "sparse.img"), "w");
  await fh.write(Buffer.from("middle"), 0, 6, 32 << 20);
  await fh.close();
  await truncate(join(root, "sparse.img"), 64 << 20);
  await utimes(join(root, "a/hello.txt"), 1_600_000_000.5, 1_600_000_000.5);
}

/** Build `count` files of about `totalBytes` in all, spread over 20 directories. */
export async function buildBulkTree(root: string, count: number, totalBytes: number): Promise<void> {
  const per = Math.max(1, Math.floor(totalBytes / count));
  for (let d = 0; d < 20; d++) await mkdir(join(root, `d${d}`), { recursive: true });
  const chunk = randomBytes(per);
  for (let i = 0; i < count; i++) {
    chunk.writeUInt32LE(i, 0); // every file distinct
    await writeFile(join(root, `d${i % 20}`, `f${i}.bin`), chunk);
  }
}

/** A canonical description of every entry under `root`, for equality assertions. */
export async function describeTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (rel: string) => {
    const abs = rel ? join(root, rel) : root;
    const st = await lstat(abs, { bigint: true });
    const type = st.isDirectory() ? "dir" : st.isSymbolicLink() ? "link" : st.isFile() ? "file" : "other";
    const meta = `${type} mode=${(st.mode & 0o7777n).toString(8)} own=${st.uid}:${st.gid} mtime=${st.mtimeNs}`;
    let body = "";
    if (type === "file") body = ` size=${st.size} sha=${createHash("sha256").update(await readFile(abs)).digest("hex")}`;
    if (type === "link") body = ` -> ${await readlink(abs)}`;
    out[rel || "."] = meta + body;
    if (type === "dir") for (const n of (await readdir(abs)).sort()) await visit(rel ? `${rel}/${n}` : n);
  };
  await visit("");
  return out;
}

/** Allocated bytes of a file (to check sparseness survived). */
export async function allocatedBytes(path: string): Promise<number> {
  return (await lstat(path)).blocks * 512;
}

/** Remove a directory tree, ignoring a missing one. */
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** A {@link describeTree} result as the snapshot store holds it: regular files without write bits. */
export function readOnlyView(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).map(([p, d]) => [p, d.startsWith("file ") ? d.replace(/mode=([0-7]+)/, (_, m) => `mode=${(parseInt(m, 8) & ~0o222).toString(8)}`) : d]));
}

/**
 * Like {@link describeTree} but names are bytes (Node Buffer paths; keys show bytes that are not
 * UTF-8 as `\xNN`), hard links are described by the first path of their inode group, and FIFOs
 * are told apart. Written independently of lib/volumes/walk.ts so it can check it.
 */
export function describeTreeBytes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const firstOf = new Map<bigint, string>();
  const show = (b: Buffer) => [...b].map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`)).join("");
  const visit = (abs: Buffer, rel: string) => {
    const st = lstatSync(abs, { bigint: true });
    const type = st.isDirectory() ? "dir" : st.isSymbolicLink() ? "link" : st.isFile() ? "file" : st.isFIFO() ? "fifo" : "other";
    let body = `${type} mode=${(st.mode & 0o7777n).toString(8)} own=${st.uid}:${st.gid} mtime=${st.mtimeNs}`;
    if (type === "file") body += ` size=${st.size} sha=${createHash("sha256").update(readFileSync(abs)).digest("hex")}`;
    if (type === "link") body += ` -> ${show(readlinkSync(abs, { encoding: "buffer" }))}`;
    if (type !== "dir" && st.nlink > 1n) {
      const first = firstOf.get(st.ino);
      if (first === undefined) firstOf.set(st.ino, rel);
      else body += ` hardlink-of=${first}`;
    }
    out[rel] = body;
    if (type !== "dir") return;
    const names = readdirSync(abs, { encoding: "buffer" }).sort(Buffer.compare);
    for (const n of names) visit(Buffer.concat([abs, Buffer.from("/"), n]), rel === "." ? show(n) : `${rel}/${show(n)}`);
  };
  visit(Buffer.from(root), ".");
  return out;
}

/** Add names that are not UTF-8, hard links (also across directories), a FIFO and a symlink whose target is not UTF-8. */
export function addByteNamesAndLinks(root: string): void {
  const at = (...parts: (string | number[])[]) => Buffer.concat([Buffer.from(root), ...parts.map((p) => Buffer.concat([Buffer.from("/"), typeof p === "string" ? Buffer.from(p) : Buffer.from(p)]))]);
  const latin1 = [...Buffer.from("caf"), 0xe9, ...Buffer.from("-latin1.txt")];
  writeFileSync(at(latin1), "latin-1 name\n");
  mkdirSync(at([0xff, 0xfe, ...Buffer.from(" dir")]));
  writeFileSync(at([0xff, 0xfe, ...Buffer.from(" dir")], "inner"), "inner\n");
  writeFileSync(at("linked-a"), "same inode\n");
  linkSync(at("linked-a"), at([0xff, 0xfe, ...Buffer.from(" dir")], [...Buffer.from("linked-b-"), 0x80]));
  linkSync(at("linked-a"), at("linked-c"));
  symlinkSync(Buffer.from([...Buffer.from("to-"), 0xe9]), at("byte-target"));
  execFileSync("mkfifo", [`${root}/pipe`]);
  chmodSync(at("linked-a"), 0o640);
}
