import type { CommandResult } from "../exec/mod.ts";
import type { ConvergeReport } from "./converge.ts";
import type { UpgradeSteps } from "./upgrade-steps.ts";
import type { AppVolume } from "./volumes.ts";

/** Which app, of which recipe, from which recipe repository. */
export interface AppRef {
  recipe: string;
  domain: string;
  /** The Docker stack name (see `stackNameFromDomain`). */
  stack: string;
  /** A git checkout of the recipe (read only: deploys check refs out into a private copy). */
  recipeDir: string;
  /** The app env file; default: the deployer's own place for it. */
  envFile?: string | undefined;
}

/** Options of calls that deploy. */
export interface DeployOptions {
  signal?: AbortSignal;
  /** Extra app env for this deploy (e.g. OIDC client credentials): docker-stack keeps it in memory; abra needs it in the app's `.env` (0600). */
  env?: Record<string, string>;
  /** abra `--chaos`: deploy the checkout as it is (docker-stack: the ref as given, uncommitted changes ignored). */
  chaos?: boolean;
  /**
   * `upgrade` only: write the env keys it adds to the app env file, as an operator would
   * (default true). False applies them to this deploy only (the quick lane: the canonical's env
   * stays as its known-good made it, so every run of a PR lists the same steps).
   */
  persistEnv?: boolean;
}

/** What a deploy did. */
export interface DeployResult {
  stack: string;
  ref: string;
  /** The commit deployed, when known. */
  commit?: string | undefined;
  /** sha256 of the rendered stack spec (for the MANIFEST); when known. */
  specHash?: string | undefined;
  /** The recipe's deploy timeout label (`coop-cloud.<stack>.timeout`) in ms, when it sets one. */
  timeoutMs?: number | undefined;
  /** Secrets generated for this deploy (names only). */
  secretsCreated: string[];
  /** Set by `upgrade`: the env keys and secrets the upgrade had to add (names only). */
  upgradeSteps?: UpgradeSteps | undefined;
  durationMs: number;
}

/**
 * Deploys apps of recipes onto the swarm: `docker-stack` (plain `docker stack deploy`) or
 * `abra`. Every call that waits takes `signal`.
 */
export interface Deployer {
  readonly kind: "docker-stack" | "abra";
  /** Deploy the app at a git ref of its recipe (does not wait: see `waitConverged`). */
  deploy(app: AppRef, ref: string, options?: DeployOptions): Promise<DeployResult>;
  /**
   * Move an existing app to another ref as an operator would: add the env keys the ref's
   * `.env.sample` has and the app env lacks, generate missing secrets, deploy at the ref (Swarm
   * rolls the services). The result's `upgradeSteps` names what was added.
   */
  upgrade(app: AppRef, ref: string, options?: DeployOptions): Promise<DeployResult>;
  /**
   * Remove the stack, keep volumes, and wait until no service or container remains (its
   * containers are stopped gracefully right away). The network goes a few seconds later; the
   * next deploy of the stack waits for it.
   */
  undeploy(app: AppRef, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<void>;
  /** Wait until updates settled and every task runs healthy; throws `ConvergeError`. */
  waitConverged(app: AppRef, options: { timeoutMs: number; signal?: AbortSignal; since?: number }): Promise<ConvergeReport>;
  isDeployed(app: AppRef, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** Named volumes with mountpoints; backup exclusions marked. */
  volumes(app: AppRef, options?: { signal?: AbortSignal; env?: Record<string, string> }): Promise<AppVolume[]>;
  exec(app: AppRef, service: string, argv: readonly string[], options?: { signal?: AbortSignal }): Promise<CommandResult>;
  /** Image id per service of the deployed stack (for the MANIFEST). */
  imageDigests(app: AppRef, options?: { signal?: AbortSignal }): Promise<Record<string, string>>;
}
