// A real swarm stack for the keycloak integration tests: a busybox image imported here (no
// registry is reachable), one `app` service, optionally with an external `admin_password` secret.
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";

export interface TestStack {
  stack: string;
  remove(): Promise<void>;
}

export async function deployTestStack(stack: string, options: { adminPassword?: string } = {}): Promise<TestStack> {
  const dir = await mkdtemp(join(tmpdir(), "ccw-test-keycloak-"));
  const image = `local/${stack}:1`;
  const secret = `${stack}_admin_password_v1`;
  const remove = async () => {
    await runCommand("docker", ["stack", "rm", stack]);
    for (let i = 0; i < 120; i++) {
      const ps = await runCommand("docker", ["ps", "-aq", "--filter", `label=com.docker.stack.namespace=${stack}`]);
      if (!ps.stdout.trim()) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (options.adminPassword !== undefined) await runCommand("docker", ["secret", "rm", secret]);
    await runCommand("docker", ["image", "rm", image]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await mkdir(join(dir, "rootfs/bin"), { recursive: true });
    await copyFile("/bin/busybox", join(dir, "rootfs/bin/busybox"));
    for (const tool of ["sh", "sleep", "cat"]) await symlink("busybox", join(dir, `rootfs/bin/${tool}`));
    await runCommandOrThrow("tar", ["-C", join(dir, "rootfs"), "-cf", join(dir, "rootfs.tar"), "."]);
    await runCommandOrThrow("docker", ["import", join(dir, "rootfs.tar"), image]);
    let compose = `version: "3.8"\nservices:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n    init: true\n`;
    if (options.adminPassword !== undefined) {
      // The value goes through stdin, never argv.
      await runCommandOrThrow("docker", ["secret", "create", secret, "-"], { input: options.adminPassword });
      compose += `    secrets: [admin_password]\nsecrets:\n  admin_password:\n    external: true\n    name: ${secret}\n`;
    }
    await writeFile(join(dir, "compose.yml"), compose);
    await runCommandOrThrow("docker", ["stack", "deploy", "--compose-file", join(dir, "compose.yml"), stack], { timeoutMs: 120_000 });
    return { stack, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Wait until the stack's service has a running container (for `docker exec`). */
export async function waitRunning(stack: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ps = await runCommand("docker", ["ps", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`, "--filter", "status=running"]);
    if (ps.stdout.trim()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`stack ${stack} has no running container after ${timeoutMs} ms`);
}
