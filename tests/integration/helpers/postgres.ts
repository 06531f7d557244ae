// Query the PostgreSQL data in a volume without touching the volume: copy it into a scratch
// volume, start the recipe's own image on the copy (no network), run psql, remove both. What a
// restored canonical would serve, checked without making the canonical dirty.
import { randomBytes } from "node:crypto";
import { execa } from "execa";
import { readVersions } from "./infra.ts";

/** The PostgreSQL image scripts/infra builds (`POSTGRES_IMAGE` in versions.env). */
export async function postgresImage(): Promise<string> {
  const image = (await readVersions()).POSTGRES_IMAGE;
  if (!image) throw new Error("scripts/infra/versions.env has no POSTGRES_IMAGE");
  return image;
}

async function mountpoint(volume: string): Promise<string> {
  return (await execa("docker", ["volume", "inspect", "--format", "{{.Mountpoint}}", volume])).stdout.trim();
}

/**
 * Start PostgreSQL on a copy of `volume` and run each query (psql -At, as `user` on `db`);
 * returns the outputs in order.
 */
export async function queryVolumeCopy(volume: string, queries: string[], options: { user: string; db: string }): Promise<string[]> {
  const name = `ccw-test-pgq-${randomBytes(4).toString("hex")}`;
  await execa("docker", ["volume", "create", name]);
  try {
    await execa("cp", ["-a", "--", `${await mountpoint(volume)}/.`, `${await mountpoint(name)}/`]);
    await execa("docker", ["run", "-d", "--name", name, "--network", "none", "-v", `${name}:/var/lib/postgresql/data`, await postgresImage()]);
    const deadline = Date.now() + 60_000;
    while ((await execa("docker", ["exec", name, "pg_isready", "-q", "-U", options.user, "-d", options.db], { reject: false })).exitCode !== 0) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL on a copy of ${volume} did not start: ${(await execa("docker", ["logs", name], { reject: false })).stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const out: string[] = [];
    for (const q of queries) out.push((await execa("docker", ["exec", name, "psql", "-X", "-At", "-U", options.user, "-d", options.db, "-c", q])).stdout.trim());
    return out;
  } finally {
    await execa("docker", ["rm", "-f", name], { reject: false });
    await execa("docker", ["volume", "rm", "-f", name], { reject: false });
  }
}
