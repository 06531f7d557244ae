// Shared setup for the deploy integration tests: the demo recipe repository, the image, the
// proxy network, and cleanup of everything a test created (by stack name).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { removeGeneratedSecrets, removeStack } from "../../lib/deploy/mod.ts";

const INFRA_IMAGE = "local/ccw-busybox:1";
const OWN_IMAGE = "local/ccw-test-deploy-busybox:1";

/** A unique name `ccw-test-deploy-<hex>`. */
export function uniqueName(): string {
  return `ccw-test-deploy-${randomBytes(4).toString("hex")}`;
}

/** The image for the demo: the infra helper's, else our own imported from /bin/busybox. */
export async function demoImage(): Promise<string> {
  if (!(await runCommand("docker", ["image", "inspect", INFRA_IMAGE])).failed) return INFRA_IMAGE;
  if (!(await runCommand("docker", ["image", "inspect", OWN_IMAGE])).failed) return OWN_IMAGE;
  const dir = await mkdtemp(join(tmpdir(), "ccw-test-deploy-rootfs-"));
  const applets = ["sh", "sleep", "cat", "ls", "rm", "mkdir", "echo", "sed", "mv", "test", "touch", "wc", "date", "true", "head", "sha256sum", "wget", "httpd", "nc"];
  const script = `mkdir -p ${dir}/bin ${dir}/tmp && cp /bin/busybox ${dir}/bin/ && for a in ${applets.join(" ")}; do ln -s busybox ${dir}/bin/$a; done && tar -C ${dir} -c . | docker import -c 'ENV PATH=/bin' - ${OWN_IMAGE}`;
  await runCommandOrThrow("bash", ["-c", script]);
  await rm(dir, { recursive: true, force: true });
  return OWN_IMAGE;
}

/** The external `proxy` overlay network recipes expect. */
export async function ensureProxyNetwork(): Promise<void> {
  const ls = await runCommandOrThrow("docker", ["network", "ls", "-q", "--filter", "name=^proxy$"]);
  if (ls.stdout.trim()) return;
  const res = await runCommand("docker", ["network", "create", "-d", "overlay", "--attachable", "proxy"]);
  if (res.failed && !/already exists/.test(res.stderr)) throw new Error(res.stderr);
}

/** A fresh demo recipe repository (tags v1, v2, broken) in a temp dir. */
export async function makeDemoRepo(): Promise<{ root: string; repo: string }> {
  const root = await mkdtemp(join(tmpdir(), "ccw-test-deploy-"));
  const repo = join(root, "demo");
  await runCommandOrThrow("bash", ["examples/recipes/demo/make-repo.sh", repo]);
  return { root, repo };
}

/** Remove a test stack, its volumes and generated secrets. */
export async function cleanupStack(stack: string): Promise<void> {
  await removeStack(stack, { timeoutMs: 60_000 }).catch(() => {});
  const vols = (await runCommand("docker", ["volume", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`])).stdout.split("\n").filter(Boolean);
  if (vols.length) await runCommand("docker", ["volume", "rm", "-f", ...vols]);
  await removeGeneratedSecrets(stack).catch(() => {});
}
