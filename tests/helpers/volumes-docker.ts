/**
 * Docker helpers for the volumes integration tests: a tiny busybox image (the shared
 * `local/ccw-busybox:1` if present, else one imported here under a unique tag) and volume
 * mountpoints from `docker volume inspect`.
 * @module
 */
import { chmod, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";

/** Returns the image to use and whether this test imported it (and must remove it). */
export async function busyboxImage(unique: string): Promise<{ image: string; imported: boolean }> {
  const shared = "local/ccw-busybox:1";
  if (!(await runCommand("docker", ["image", "inspect", shared])).failed) return { image: shared, imported: false };
  const image = `ccw-test-volumes-busybox:${unique}`;
  const dir = await mkdtemp(join(tmpdir(), "ccw-test-volumes-rootfs-"));
  try {
    await mkdir(join(dir, "rootfs/bin"), { recursive: true });
    await runCommandOrThrow("cp", ["/bin/busybox", join(dir, "rootfs/bin/busybox")]);
    await chmod(join(dir, "rootfs/bin/busybox"), 0o755);
    for (const app of ["sh", "cat", "mkdir", "dd", "ln", "chown", "chmod", "rm", "echo", "touch", "sleep", "true"]) await symlink("busybox", join(dir, "rootfs/bin", app));
    await mkdir(join(dir, "rootfs/tmp"));
    await runCommandOrThrow("tar", ["-C", join(dir, "rootfs"), "-cf", join(dir, "rootfs.tar"), "."]);
    await runCommandOrThrow("docker", ["import", join(dir, "rootfs.tar"), image], { timeoutMs: 120_000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { image, imported: true };
}

/** The host path of a named volume's data. */
export async function volumeMountpoint(name: string): Promise<string> {
  const res = await runCommandOrThrow("docker", ["volume", "inspect", "--format", "{{.Mountpoint}}", name]);
  return res.stdout.trim();
}

/** Run a shell script in a throwaway container with `volume` at /data; the container is removed. */
export async function inContainer(image: string, volume: string, script: string): Promise<string> {
  const res = await runCommandOrThrow("docker", ["run", "--rm", "-v", `${volume}:/data`, image, "sh", "-c", script], { timeoutMs: 120_000 });
  return res.stdout;
}
