// Placeholder until scripts/infra lands: checks that a docker daemon answers.
import { execa } from "execa";

export default async function setup(): Promise<void> {
  const res = await execa("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"], { reject: false });
  if (res.failed || String(res.stdout).trim() !== "active") {
    throw new Error(`integration infrastructure is not up: docker swarm state is ${JSON.stringify(String(res.stdout).trim())} ${res.stderr}`);
  }
}
