/**
 * Handing a run's realm credentials to an assert program: a JSON file readable only by this
 * user, whose path is in the program's environment, removed afterwards whatever happened. A file,
 * not environment variables or argv, so the secrets never show in `ps` or a process dump of the
 * environment (cc-ci hands its run state to child tests the same way: `CCCI_*_FILE`).
 * @module
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RealmCredentials } from "./create.ts";

/** The environment variable that names the realm file. */
export const REALM_FILE_ENV = "CC_WARM_REALM_FILE";

/**
 * Write `credentials` as JSON (`realm`, `clientId`, `clientSecret`, `issuer`, `username`,
 * `password`) to a 0600 file in a fresh 0700 directory, call `use(path)`, and delete both when it
 * settles — on success, failure and cancellation alike.
 *
 * @example
 * ```ts
 * await withRealmFile(credentials, (path) => runCommand(prog, [], { env: { [REALM_FILE_ENV]: path } }));
 * ```
 */
export async function withRealmFile<T>(credentials: RealmCredentials, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "ccw-realm-"));
  try {
    const path = join(dir, "realm.json");
    const { realm, clientId, clientSecret, issuer, username, password } = credentials;
    await writeFile(path, JSON.stringify({ realm, clientId, clientSecret, issuer, username, password }) + "\n", { mode: 0o600, flag: "wx" });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
