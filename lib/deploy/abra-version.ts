import { InfraError } from "../errors.ts";
import { type CommandResult, runCommand } from "../exec/mod.ts";

/**
 * The abra release series (`major.minor`) this deployer was written against. Pinned beside the
 * other versions in `scripts/infra/versions.env` (`ABRA_VERSION_SERIES`; a unit test keeps them
 * equal). cc-ci, the production CI, ran 0.13.x.
 */
export const ABRA_VERSION_SERIES = "0.13";

/** How the deployer runs a program: the process boundary (unit tests fake it). */
export type RunProgram = (file: string, args: readonly string[], options: { signal?: AbortSignal; env?: Record<string, string | undefined>; cwd?: string }) => Promise<CommandResult>;

/**
 * The `X.Y.Z` in `abra --version` output (cobra prints `abra version 0.13.0-beta-1a2b3c4`);
 * undefined when there is none.
 *
 * @example
 * ```ts
 * parseAbraVersion("abra version 0.13.0-beta-1a2b3c4"); // "0.13.0"
 * ```
 */
export function parseAbraVersion(output: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

/**
 * Check, before any side effect, that the abra binary exists and belongs to the supported
 * series; returns the version found. Throws `InfraError` (exit 3) naming the binary, the
 * version found and the version needed.
 *
 * @example
 * ```ts
 * const version = await checkAbraBinary("abra"); // "0.13.0", or throws
 * ```
 */
export async function checkAbraBinary(bin: string, options: { signal?: AbortSignal; run?: RunProgram } = {}): Promise<string> {
  const need = `abra ${ABRA_VERSION_SERIES}.x`;
  const res = await (options.run ?? runCommand)(bin, ["--version"], { signal: options.signal });
  if (res.failed && res.exitCode === undefined) {
    throw new InfraError(`deployer.kind=abra: the abra binary "${bin}" was not found (version found: none; needed: ${need}). Install ${need} or set deployer.abraBin.`);
  }
  const version = parseAbraVersion(`${res.stdout}\n${res.stderr}`);
  if (res.failed || !version) {
    throw new InfraError(`deployer.kind=abra: "${bin} --version" gave no abra version (exit ${res.exitCode}; version found: none; needed: ${need}).`);
  }
  if (version.split(".").slice(0, 2).join(".") !== ABRA_VERSION_SERIES) {
    throw new InfraError(`deployer.kind=abra: "${bin}" is abra ${version}; this deployer was built for ${need} (version found: ${version}; needed: ${need}). Install ${need} or set deployer.abraBin.`);
  }
  return version;
}

/**
 * The check every graph runs first when `deployer.kind` is `abra` (nothing for docker-stack).
 *
 * @example
 * ```ts
 * await preflightDeployer(config); // throws InfraError when abra is missing or the wrong version
 * ```
 */
export async function preflightDeployer(config: { deployer: { kind: string; abraBin: string } }, options: { signal?: AbortSignal; run?: RunProgram } = {}): Promise<void> {
  if (config.deployer.kind === "abra") await checkAbraBinary(config.deployer.abraBin, options);
}
