// The infrastructure scripts themselves: idempotent and quiet, the Keycloak process's secret
// handling, and down.sh's scoped cleanup.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { INFRA_DIR, infra, uniqueName } from "./helpers/infra.ts";

const script = (name: string): string => join(INFRA_DIR, name);

describe("scripts/infra", () => {
  test("up.sh on a ready machine succeeds and prints nothing", async () => {
    const res = await runCommand("bash", [script("up.sh")], { timeoutMs: 1_800_000 });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe("");
  });

  test("the Keycloak process is ready; its password is 0600 and absent from argv and logs", async () => {
    const { keycloakUrl, keycloakAdminPassword, cacheDir } = await infra();
    const status = await runCommand("bash", [script("keycloak-process.sh"), "status"]);
    expect([status.exitCode, status.stdout]).toEqual([0, "ready"]);
    expect((await runCommandOrThrow("bash", [script("keycloak-process.sh"), "url"])).stdout).toBe(keycloakUrl);

    const dir = join(cacheDir, "keycloak-process");
    expect((await stat(join(dir, "admin-password"))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(keycloakAdminPassword.length).toBeGreaterThanOrEqual(32);
    const pid = (await readFile(join(dir, "pid"), "utf8")).trim();
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    expect(cmdline).toContain("start-dev");
    expect(cmdline).not.toContain(keycloakAdminPassword);
    expect(await readFile(join(dir, "keycloak.log"), "utf8")).not.toContain(keycloakAdminPassword);
  });

  describe("down.sh", () => {
    const prefix = uniqueName("infra-down");
    let cache = "";
    afterAll(async () => {
      await runCommand("docker", ["volume", "rm", `${prefix}_v`]);
      await runCommand("docker", ["secret", "rm", `${prefix}_s`]);
      if (cache) await rm(cache, { recursive: true, force: true });
    });

    test("refuses a prefix outside ccw-test-", async () => {
      const res = await runCommand("bash", [script("down.sh"), "--prefix", "proxy"]);
      expect(res.exitCode).not.toBe(0);
      expect(res.stderr).toContain("--prefix must start with ccw-test-");
    });

    test("removes the volumes and secrets under its prefix and nothing else", async () => {
      const other = uniqueName("infra-keep");
      await runCommandOrThrow("docker", ["volume", "create", `${prefix}_v`]);
      await runCommandOrThrow("docker", ["volume", "create", other]);
      await runCommandOrThrow("docker", ["secret", "create", `${prefix}_s`, "-"], { input: randomBytes(8).toString("hex") });
      try {
        // A throwaway cache: down.sh must not stop the shared Keycloak process here.
        cache = await mkdtemp(join(tmpdir(), "ccw-test-infra-cache-"));
        await runCommandOrThrow("bash", [script("down.sh"), "--prefix", prefix], { env: { CCW_CACHE: cache }, timeoutMs: 300_000 });
        const volumes = (await runCommandOrThrow("docker", ["volume", "ls", "--format", "{{.Name}}"])).stdout.split("\n");
        expect(volumes).not.toContain(`${prefix}_v`);
        expect(volumes).toContain(other);
        expect((await runCommandOrThrow("docker", ["secret", "ls", "--format", "{{.Name}}"])).stdout.split("\n")).not.toContain(`${prefix}_s`);
      } finally {
        await runCommand("docker", ["volume", "rm", other]);
      }
    });
  });
});
