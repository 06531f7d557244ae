import { join } from "node:path";
import type { Config } from "../config/types.ts";
import { AbraDeployer } from "./abra.ts";
import { DockerStackDeployer } from "./docker-stack.ts";
import type { Deployer } from "./types.ts";

/**
 * The deployer `config.deployer.kind` names. `abraDir` is this run's own `ABRA_DIR` (default:
 * `<stateDir>/abra/<runId>`, or `<stateDir>/abra/default` without a run id); it links to the
 * shared `config.deployer.abraDir` (default `~/.abra`).
 *
 * @example
 * ```ts
 * const deployer = createDeployer(loadConfig(), { runId: "r-123" });
 * ```
 */
export function createDeployer(config: Pick<Config, "stateDir" | "deployer">, options: { runId?: string; abraDir?: string } = {}): Deployer {
  if (config.deployer.kind === "abra") {
    const abraDir = options.abraDir ?? join(config.stateDir, "abra", options.runId ?? "default");
    return new AbraDeployer({ abraDir, sharedAbraDir: config.deployer.abraDir, server: config.deployer.server, abraBin: config.deployer.abraBin });
  }
  return new DockerStackDeployer({ stateDir: config.stateDir, workDir: config.deployer.workDir });
}
