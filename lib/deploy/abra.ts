import { existsSync } from "node:fs";
import { join } from "node:path";
import { InfraError } from "../errors.ts";
import { CommandError, type CommandResult, runCommandOrThrow } from "../exec/mod.ts";
import { parseInput } from "../validate/parse.ts";
import { gitRefSchema } from "../validate/names.ts";
import { composeLabels, excludedVolumes, renderCompose } from "./compose.ts";
import { loadAppEnv } from "./app-env.ts";
import { type ConvergeReport, waitStackConverged } from "./converge.ts";
import { execInService } from "./exec.ts";
import { stackImageDigests, stackIsDeployed, stackServiceLabels, validateApp } from "./stack-common.ts";
import type { AppRef, DeployOptions, DeployResult, Deployer } from "./types.ts";
import { settleRemovedStack, stackStopGrace, waitHalfRemovedStack } from "./undeploy.ts";
import { type AppVolume, listStackVolumes } from "./volumes.ts";

/** Options for {@linkcode AbraDeployer}. */
export interface AbraDeployerOptions {
  /** This run's own `ABRA_DIR` (runs sharing `~/.abra` corrupt each other's recipe checkouts). */
  abraDir: string;
  /** The abra server apps are created on. */
  server: string;
  /** The abra binary (default `abra`). */
  abraBin?: string | undefined;
}

/**
 * Drives the `abra` CLI: `app new … -S` when the app env is missing, `app deploy <domain>
 * [--chaos | <ref>] --no-domain-checks --no-converge-checks --no-input [--force]`, `app undeploy`.
 * Converge, volumes and exec are read from Docker (the stack name is not recomputed by abra).
 *
 * @example
 * ```ts
 * const d = new AbraDeployer({ abraDir: "/tmp/run-1/abra", server: "default" });
 * await d.deploy(app, "v1");
 * ```
 */
export class AbraDeployer implements Deployer {
  readonly kind: "abra" = "abra";
  readonly #opts: AbraDeployerOptions;
  readonly #lastDeploy = new Map<string, number>();
  constructor(options: AbraDeployerOptions) {
    this.#opts = options;
  }

  /** The app env file abra keeps: `<ABRA_DIR>/servers/<server>/<domain>.env`. */
  envFile(app: AppRef): string {
    return app.envFile ?? join(this.#opts.abraDir, "servers", this.#opts.server, `${app.domain}.env`);
  }

  /** The per-run recipe checkout abra deploys from: `<ABRA_DIR>/recipes/<recipe>`. */
  recipeCheckout(app: AppRef): string {
    return join(this.#opts.abraDir, "recipes", app.recipe);
  }

  async #abra(args: string[], options: { signal?: AbortSignal; env?: Record<string, string> }): Promise<CommandResult> {
    try {
      return await runCommandOrThrow(this.#opts.abraBin ?? "abra", args, { signal: options.signal, env: { ...options.env, ABRA_DIR: this.#opts.abraDir } });
    } catch (err) {
      // abra prints its fatal errors on stdout: CommandError's message carries both streams.
      if (err instanceof CommandError) throw new InfraError(`abra ${args.slice(0, 2).join(" ")} failed: ${err.message}`, { cause: err });
      throw err;
    }
  }

  async #prepare(app: AppRef, options: { signal?: AbortSignal }): Promise<void> {
    const recipe = this.recipeCheckout(app);
    if (!existsSync(join(recipe, ".git"))) await runCommandOrThrow("git", ["clone", "--quiet", "--shared", "--", app.recipeDir, recipe], options);
    if (!existsSync(this.envFile(app))) {
      await this.#abra(["app", "new", app.recipe, `--domain=${app.domain}`, `--server=${this.#opts.server}`, "--secrets", "--no-input"], options);
    }
  }

  async deploy(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    validateApp(app);
    parseInput("ref", gitRefSchema, ref);
    const started = Date.now();
    await waitHalfRemovedStack(app.stack, options);
    await this.#prepare(app, options);
    const recipe = this.recipeCheckout(app);
    let commit: string | undefined;
    if (options.chaos) {
      // --chaos deploys the checkout as it is: put the ref there first (this run's own checkout).
      await runCommandOrThrow("git", ["-C", recipe, "checkout", "--quiet", "--detach", ref], options);
      commit = (await runCommandOrThrow("git", ["-C", recipe, "rev-parse", "HEAD"], options)).stdout.trim();
    }
    const force = (await stackIsDeployed(app.stack, options)) ? ["--force"] : [];
    const since = Date.now();
    await this.#abra(["app", "deploy", app.domain, ...(options.chaos ? ["--chaos"] : [ref]), "--no-domain-checks", "--no-converge-checks", "--no-input", ...force], options);
    this.#lastDeploy.set(app.stack, since);
    return { stack: app.stack, ref, commit, secretsCreated: [], durationMs: Date.now() - started };
  }

  upgrade(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    return this.deploy(app, ref, options);
  }

  async undeploy(app: AppRef, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    validateApp(app);
    const graceSeconds = await stackStopGrace(app.stack, options);
    await this.#abra(["app", "undeploy", app.domain, "--no-input"], options);
    await settleRemovedStack(app.stack, { ...options, graceSeconds });
  }

  waitConverged(app: AppRef, options: { timeoutMs: number; signal?: AbortSignal; since?: number }): Promise<ConvergeReport> {
    return waitStackConverged(app.stack, { ...options, since: options.since ?? this.#lastDeploy.get(app.stack) });
  }

  isDeployed(app: AppRef, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    return stackIsDeployed(app.stack, options);
  }

  async volumes(app: AppRef, options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<AppVolume[]> {
    let labels = await stackServiceLabels(app.stack, options);
    const recipe = this.recipeCheckout(app);
    if (!Object.keys(labels).length && existsSync(this.envFile(app)) && existsSync(recipe)) {
      const env = await loadAppEnv(this.envFile(app), { stack: app.stack, recipeDir: recipe, extra: options.env });
      labels = composeLabels(await renderCompose(recipe, { env: env.values, signal: options.signal }));
    }
    return listStackVolumes(app.stack, { excluded: excludedVolumes(labels), signal: options.signal });
  }

  exec(app: AppRef, service: string, argv: readonly string[], options: { signal?: AbortSignal } = {}): Promise<CommandResult> {
    return execInService(app.stack, service, argv, options);
  }

  imageDigests(app: AppRef, options: { signal?: AbortSignal } = {}): Promise<Record<string, string>> {
    return stackImageDigests(app.stack, options);
  }
}
