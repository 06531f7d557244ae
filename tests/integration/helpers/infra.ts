// What scripts/infra brings up, as the integration tests see it: image names, the Keycloak
// process's URL and admin credentials (read from the files the scripts write), and cleanup
// helpers for swarm objects. Test-only: not part of the library's public API.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { InfraError } from "../../../lib/errors.ts";
import { runCommandOrThrow } from "../../../lib/exec/mod.ts";
import { delay } from "../../../lib/runner/wait.ts";

/** The infrastructure scripts' directory (absolute). */
export const INFRA_DIR: string = fileURLToPath(new URL("../../../scripts/infra/", import.meta.url));

/** The infrastructure the integration tests run against. */
export interface Infra {
  keycloakUrl: string;
  keycloakAdminUser: string;
  /** Secret: never log it, never put it in argv. */
  keycloakAdminPassword: string;
  busyboxImage: string;
  keycloakImage: string;
  keycloakVersion: string;
  cacheDir: string;
}

/**
 * The pins in scripts/infra/versions.env (plain KEY=value lines).
 *
 * @example
 * ```ts
 * const { KEYCLOAK_VERSION } = await readVersions();
 * ```
 */
export async function readVersions(): Promise<Record<string, string>> {
  const text = await readFile(`${INFRA_DIR}versions.env`, "utf8");
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * The infrastructure `scripts/infra/up.sh` brought up. Throws (never skips) when the Keycloak
 * process's password file is missing.
 *
 * @example
 * ```ts
 * const { keycloakUrl, busyboxImage } = await infra();
 * ```
 */
export async function infra(): Promise<Infra> {
  const v = await readVersions();
  const need = (k: string): string => {
    const value = v[k];
    if (!value) throw new InfraError(`scripts/infra/versions.env has no ${k}`);
    return value;
  };
  const cacheDir = process.env.CCW_CACHE ?? "/var/cache/cc-warm";
  const dir = `${cacheDir}/keycloak-process`;
  const url = await readFile(`${dir}/url`, "utf8").catch(() => `http://127.0.0.1:${need("KEYCLOAK_PROCESS_HTTP_PORT")}`);
  const password = await readFile(`${dir}/admin-password`, "utf8").catch((cause: unknown) => {
    throw new InfraError(`no Keycloak admin password in ${dir}: run scripts/infra/up.sh`, { cause });
  });
  return {
    keycloakUrl: url.trim(),
    keycloakAdminUser: need("KEYCLOAK_ADMIN_USER"),
    keycloakAdminPassword: password.trim(),
    busyboxImage: need("BUSYBOX_IMAGE"),
    keycloakImage: need("KEYCLOAK_IMAGE"),
    keycloakVersion: need("KEYCLOAK_VERSION"),
    cacheDir,
  };
}

/**
 * `ccw-test-<area>-<6 hex>`: a name no other test (or run) uses.
 *
 * @example
 * ```ts
 * const stack = uniqueName("infra"); // "ccw-test-infra-3fa9c1"
 * ```
 */
export function uniqueName(area: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(area)) throw new Error(`uniqueName: bad area ${JSON.stringify(area)}`);
  return `ccw-test-${area}-${randomBytes(3).toString("hex")}`;
}

/** Options for the cleanup helpers. */
export interface CleanupOptions {
  signal?: AbortSignal;
  /** Default 120 s. */
  timeoutMs?: number;
}

function assertTestName(name: string): void {
  // Cleanup deletes data: refuse anything that is not a test object.
  if (!name.startsWith("ccw-test-")) throw new Error(`refusing to remove ${JSON.stringify(name)}: not a ccw-test-* name`);
}

/**
 * `docker stack rm`, then wait until no container of the stack remains (its volumes are busy
 * until then). A stack that does not exist is fine.
 *
 * @example
 * ```ts
 * await removeStack("ccw-test-infra-3fa9c1");
 * ```
 */
export async function removeStack(name: string, options: CleanupOptions = {}): Promise<void> {
  assertTestName(name);
  const { signal, timeoutMs = 120_000 } = options;
  await runCommandOrThrow("docker", ["stack", "rm", name], { signal, timeoutMs: 60_000 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await runCommandOrThrow("docker", ["ps", "-aq", "--filter", `label=com.docker.stack.namespace=${name}`], { signal });
    if (res.stdout.trim() === "") return;
    if (Date.now() > deadline) throw new InfraError(`containers of stack ${name} still exist after ${timeoutMs} ms`);
    await delay(250, { signal });
  }
}

/**
 * Remove every volume whose name starts with `prefix` (which must start with `ccw-test-`).
 * Returns the names removed.
 *
 * @example
 * ```ts
 * const gone = await removeVolumes("ccw-test-infra-3fa9c1_");
 * ```
 */
export async function removeVolumes(prefix: string, options: CleanupOptions = {}): Promise<string[]> {
  assertTestName(prefix);
  const { signal } = options;
  const ls = await runCommandOrThrow("docker", ["volume", "ls", "--format", "{{.Name}}"], { signal });
  const names = ls.stdout.split("\n").filter((n) => n.startsWith(prefix));
  for (const n of names) await runCommandOrThrow("docker", ["volume", "rm", n], { signal, timeoutMs: 60_000 });
  return names;
}

/**
 * Poll `check` every 250 ms until it returns a value other than `undefined`; throws on timeout.
 *
 * @example
 * ```ts
 * const id = await waitFor("a container", async () => (await containerOf(stack)) || undefined);
 * ```
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, options: CleanupOptions = {}): Promise<T> {
  const { signal, timeoutMs = 120_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new InfraError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(250, { signal });
  }
}
