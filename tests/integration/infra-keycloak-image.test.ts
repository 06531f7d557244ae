// local/ccw-keycloak runs as a swarm service: bootstrap admin from a docker secret, data on a
// named volume, healthy through its own HEALTHCHECK, and the password stays out of the spec/logs.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { infra, removeStack, removeVolumes, uniqueName, waitFor } from "./helpers/infra.ts";

const docker = async (...args: string[]): Promise<string> => (await runCommandOrThrow("docker", args, { timeoutMs: 120_000 })).stdout.trim();

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe("Keycloak image as a swarm service", () => {
  const stack = uniqueName("infra-kc");
  const secret = `${stack}_admin_password`;
  let dir = "";
  afterAll(async () => {
    await removeStack(stack);
    await removeVolumes(`${stack}_`);
    await runCommand("docker", ["secret", "rm", secret]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("starts healthy with the admin password from a secret and its data on a named volume", async () => {
    const { keycloakImage } = await infra();
    const password = randomBytes(18).toString("hex");
    await runCommandOrThrow("docker", ["secret", "create", secret, "-"], { input: password });
    const port = await freePort();
    dir = await mkdtemp(join(tmpdir(), "ccw-test-infra-kc-"));
    const compose = join(dir, "compose.yml");
    await writeFile(compose, [
      'version: "3.8"', "services:", "  keycloak:", `    image: ${keycloakImage}`,
      "    secrets: [admin_password]", "    volumes: [data:/opt/keycloak/data]",
      `    ports: [{target: 8080, published: ${port}, mode: host}]`,
      "volumes:", "  data:", "secrets:", "  admin_password:", "    external: true", `    name: ${secret}`, "",
    ].join("\n"));
    await docker("stack", "deploy", "-c", compose, stack);

    const container = await waitFor("a healthy Keycloak container", async () => {
      const id = await docker("ps", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`, "--filter", "health=healthy");
      return id || undefined;
    }, { timeoutMs: 280_000 });

    const base = `http://127.0.0.1:${port}`;
    const token = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ client_id: "admin-cli", grant_type: "password", username: "admin", password }),
      signal: AbortSignal.timeout(60_000),
    });
    expect(token.status).toBe(200);
    const wrong = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ client_id: "admin-cli", grant_type: "password", username: "admin", password: `${password}x` }),
      signal: AbortSignal.timeout(60_000),
    });
    expect(wrong.status).toBe(401);

    const mountpoint = await docker("volume", "inspect", "-f", "{{.Mountpoint}}", `${stack}_data`);
    expect((await stat(join(mountpoint, "h2"))).isDirectory()).toBe(true);

    expect(await docker("service", "inspect", `${stack}_keycloak`)).not.toContain(password);
    const logs = await runCommandOrThrow("docker", ["logs", container]);
    expect(logs.stdout + logs.stderr).toContain("Keycloak 26.5.6");
    expect(logs.stdout + logs.stderr).not.toContain(password);
    // Warmed at build time: a fresh container does not re-run the Quarkus augmentation.
    expect(logs.stdout + logs.stderr).not.toContain("Updating the configuration");
  });
});
