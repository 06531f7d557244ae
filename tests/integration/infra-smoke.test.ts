// Smoke test of the real infrastructure scripts/infra brings up: a swarm stack with a named
// volume from the local busybox image, and a realm round trip on the Keycloak process.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { infra, removeStack, removeVolumes, uniqueName, waitFor } from "./helpers/infra.ts";

const docker = async (...args: string[]): Promise<string> => (await runCommandOrThrow("docker", args, { timeoutMs: 60_000 })).stdout.trim();

describe("swarm stack with a named volume", () => {
  const stack = uniqueName("infra");
  const dirs: string[] = [];
  afterAll(async () => {
    await removeStack(stack);
    await removeVolumes(`${stack}_`);
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  test("deploys, keeps data in the volume across stack removal, and cleans up", async () => {
    const { busyboxImage } = await infra();
    const dir = await mkdtemp(join(tmpdir(), "ccw-test-infra-"));
    dirs.push(dir);
    const compose = join(dir, "compose.yml");
    await writeFile(compose, `version: "3.8"\nservices:\n  app:\n    image: ${busyboxImage}\n    volumes: [data:/data]\nvolumes:\n  data:\n`);
    await docker("stack", "deploy", "-c", compose, stack);

    await waitFor("1/1 replicas", async () => ((await docker("service", "ls", "--filter", `name=${stack}_app`, "--format", "{{.Replicas}}")) === "1/1" ? true : undefined));
    const container = await waitFor("the running container", async () => {
      const id = await docker("ps", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`, "--filter", "status=running");
      return id || undefined;
    });
    const token = uniqueName("probe");
    await docker("exec", container, "sh", "-c", `echo ${token} > /data/probe && sync`);
    expect(await docker("exec", container, "cat", "/data/probe")).toBe(token);

    const volume = `${stack}_data`;
    expect(await docker("volume", "inspect", "-f", '{{index .Labels "com.docker.stack.namespace"}}', volume)).toBe(stack);
    const mountpoint = await docker("volume", "inspect", "-f", "{{.Mountpoint}}", volume);

    await removeStack(stack);
    expect(await docker("ps", "-aq", "--filter", `label=com.docker.stack.namespace=${stack}`)).toBe("");
    // The stack is gone, the named volume and its data are not.
    expect((await readFile(join(mountpoint, "probe"), "utf8")).trim()).toBe(token);

    expect(await removeVolumes(`${stack}_`)).toEqual([volume]);
    expect((await docker("volume", "ls", "--format", "{{.Name}}")).split("\n")).not.toContain(volume);
    expect((await runCommand("docker", ["service", "inspect", `${stack}_app`])).failed).toBe(true);
  });
});

describe("Keycloak process", () => {
  const realm = uniqueName("infra");
  let auth: (() => Promise<Record<string, string>>) | undefined;
  afterAll(async () => {
    if (!auth) return;
    const { keycloakUrl } = await infra();
    await fetch(`${keycloakUrl}/admin/realms/${realm}`, { method: "DELETE", headers: await auth(), signal: AbortSignal.timeout(60_000) });
  });

  test("creates and deletes a realm with an admin-cli password grant", async () => {
    const { keycloakUrl, keycloakAdminUser, keycloakAdminPassword } = await infra();
    auth = async () => {
      const res = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
        method: "POST",
        body: new URLSearchParams({ client_id: "admin-cli", grant_type: "password", username: keycloakAdminUser, password: keycloakAdminPassword }),
        signal: AbortSignal.timeout(30_000),
      });
      expect(res.status).toBe(200);
      const { access_token } = (await res.json()) as { access_token: string };
      return { authorization: `Bearer ${access_token}`, "content-type": "application/json" };
    };
    const headers = await auth();
    const url = `${keycloakUrl}/admin/realms/${realm}`;
    const created = await fetch(`${keycloakUrl}/admin/realms`, { method: "POST", headers, body: JSON.stringify({ realm, enabled: true }), signal: AbortSignal.timeout(120_000) });
    expect(created.status).toBe(201);
    const got = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { realm: string }).realm).toBe(realm);
    expect((await fetch(url, { method: "DELETE", headers, signal: AbortSignal.timeout(120_000) })).status).toBe(204);
    expect((await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })).status).toBe(404);
  });
});
