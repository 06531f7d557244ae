/**
 * Test helpers for the volumes area: build a varied tree on a real filesystem, damage it, and
 * compare two trees byte for byte (content, type, mode, owner, mtime, symlink targets).
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, chown, lstat, mkdir, open, readdir, readFile, readlink, rm, symlink, truncate, utimes, writeFile } from "node:fs/promises";
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
