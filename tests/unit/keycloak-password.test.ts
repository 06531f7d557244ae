import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../lib/errors.ts";
import { resolvePassword } from "../../lib/keycloak/mod.ts";

const dir = await mkdtemp(join(tmpdir(), "ccw-kc-pw-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("resolvePassword", () => {
  it("reads an env var", async () => {
    expect(await resolvePassword({ from: "env", name: "PW" }, { env: { PW: "s3cret-value" } })).toBe("s3cret-value");
  });
  it("names a missing env var without any value", async () => {
    const err = await resolvePassword({ from: "env", name: "PW" }, { env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe("env:PW: is not set (the Keycloak admin password)");
  });
  it("reads a file and drops one trailing newline", async () => {
    const path = join(dir, "pw");
    await writeFile(path, "file-secret\n");
    expect(await resolvePassword({ from: "file", path })).toBe("file-secret");
  });
  it("reports an unreadable file by path and code", async () => {
    const err = await resolvePassword({ from: "file", path: join(dir, "missing") }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/missing: cannot read the Keycloak admin password \(ENOENT\)/);
  });
  it("refuses an empty password", async () => {
    const path = join(dir, "empty");
    await writeFile(path, "\n");
    await expect(resolvePassword({ from: "file", path })).rejects.toThrow(/empty/);
  });
  it("needs a stack for docker-secret", async () => {
    await expect(resolvePassword({ from: "docker-secret", path: "/run/secrets/admin_password" })).rejects.toThrow(/stack/);
  });
});
