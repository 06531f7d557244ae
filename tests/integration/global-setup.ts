// Brings up the real infrastructure with the project's own scripts (scripts/infra/up.sh:
// dockerd + swarm + `proxy` network, local images, Keycloak process). Anything that cannot come
// up fails the run, with or without CI: integration tests never skip. Prints nothing secret
// (the scripts never print the admin password; their failure output goes into the error).
import { runCommand } from "../../lib/exec/mod.ts";
import { INFRA_DIR } from "./helpers/infra.ts";

function tail(s: string, lines = 40): string {
  return s.trim().split("\n").slice(-lines).join("\n");
}

export default async function setup(): Promise<void> {
  const where = process.env.CI ? "CI" : "this machine";
  if (process.env.CCW_SKIP_INFRA_UP === "1") {
    // Skipping the bring-up is allowed, running without infrastructure is not.
    const res = await runCommand("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"], { timeoutMs: 30_000 });
    if (res.failed || res.stdout.trim() !== "active") {
      throw new Error(`CCW_SKIP_INFRA_UP=1 but the docker swarm on ${where} is not active (${res.stdout.trim() || res.stderr.trim()})`);
    }
    return;
  }
  const res = await runCommand("bash", [`${INFRA_DIR}up.sh`], { timeoutMs: 30 * 60_000 });
  if (res.failed) {
    const why = res.timedOut ? "timed out after 30 min" : `exited with ${res.exitCode}`;
    throw new Error(`integration infrastructure could not come up on ${where}: scripts/infra/up.sh ${why}\n${tail(res.stderr)}\n${tail(res.stdout)}`);
  }
  // What it installed, built or started, and how long each took (nothing on a ready machine).
  if (res.stderr.trim()) process.stderr.write(res.stderr);
}
