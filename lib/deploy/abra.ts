import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InfraError } from "../errors.ts";
import { type CommandResult, runCommand } from "../exec/mod.ts";
import { parseInput } from "../validate/parse.ts";
import { gitRefSchema } from "../validate/names.ts";
import { abraDeployArgs, abraNewArgs, abraSecretGenerateArgs, abraUndeployArgs } from "./abra-args.ts";
import { cloneRecipe, defaultSharedAbraDir, prepareAbraDir, reapStaleAbraDirs } from "./abra-dir.ts";
import { setAppEnvValues } from "./abra-env.ts";
import { abraTarget } from "./abra-ref.ts";
import { abraFailureTail } from "./abra-scrub.ts";
import { assertAbraStackName, confirmStackFromLabels } from "./abra-stack.ts";
import { composeLabels, excludedVolumes, renderCompose } from "./compose.ts";
import { loadAppEnv } from "./app-env.ts";
import { type ConvergeReport, waitStackConverged } from "./converge.ts";
import { parseEnvFile } from "./dotenv.ts";
import { execInService } from "./exec.ts";
import { stackImageDigests, stackIsDeployed, stackServiceLabels, validateApp } from "./stack-common.ts";
import type { AppRef, DeployOptions, DeployResult, Deployer } from "./types.ts";
import { secretsOfAddedKeys, upgradeAppEnv } from "./upgrade-steps.ts";
import { settleRemovedStack, stackStopGrace, waitHalfRemovedStack } from "./undeploy.ts";
import { type AppVolume, listStackVolumes } from "./volumes.ts";

/** Options for {@linkcode AbraDeployer}. */
export interface AbraDeployerOptions {
  /** This run's own `ABRA_DIR` (laid out by `prepareAbraDir`). */
  abraDir: string;
  /** The shared abra dir whose `servers/` and `catalogue/` the run links to (default `~/.abra`). */
  sharedAbraDir?: string | undefined;
  /** The abra server apps are created on. */
  server: string;
  /** The abra binary (default `abra`). */
  abraBin?: string | undefined;
}

/**
 * Drives the real `abra` CLI with a per-run `ABRA_DIR`: `app new` + `app secret generate --all`
 * for a new app, extra env written into the app's `.env`, `app deploy <domain> <release>` or
 * (any other ref, checked out in the run's own recipe checkout) `app deploy <domain> --chaos`,
 * `--force` when deployed, `app undeploy`. Converge, volumes and exec are read from Docker;
 * abra output quoted into errors is scrubbed of secret values. See docs/abra.md.
 *
 * @example
 * ```ts
 * const d = new AbraDeployer({ abraDir: "/var/lib/ci-warm/abra/run-1", server: "default" });
 * await d.deploy(app, "1.2.0+26.5.6");
 * ```
 */
export class AbraDeployer implements Deployer {
  readonly kind: "abra" = "abra";
  readonly #opts: AbraDeployerOptions;
  readonly #lastDeploy = new Map<string, number>();
  #prepared: Promise<void> | undefined;
  readonly #checkouts = new Set<string>();
  constructor(options: AbraDeployerOptions) {
    this.#opts = options;
  }

  /** The app env file abra keeps: `<ABRA_DIR>/servers/<server>/<domain>.env` (shared via the symlink). */
  envFile(app: AppRef): string {
    return app.envFile ?? join(this.#opts.abraDir, "servers", this.#opts.server, `${app.domain}.env`);
  }

  /** This run's recipe checkout abra deploys from: `<ABRA_DIR>/recipes/<recipe>`. */
  recipeCheckout(app: AppRef): string {
    return join(this.#opts.abraDir, "recipes", app.recipe);
  }

  async #abra(args: string[], options: { signal?: AbortSignal; secrets?: readonly string[] }): Promise<CommandResult> {
    const res = await runCommand(this.#opts.abraBin ?? "abra", args, { signal: options.signal, env: { ABRA_DIR: this.#opts.abraDir } });
    if (res.isCanceled && options.signal?.aborted) throw options.signal.reason;
    if (!res.failed) return res;
    // abra prints fatal errors on stdout; whatever is quoted is scrubbed, and the raw output is
    // not kept as `cause` (it would reach events through the error's cause chain).
    const why = res.timedOut ? "timed out" : `exited with ${res.exitCode}`;
    const tail = abraFailureTail(res, { secrets: options.secrets });
    throw new InfraError(`abra ${args.slice(0, args[1] === "secret" ? 3 : 2).join(" ")} ${why}${tail ? `: ${tail}` : ""}`);
  }

  async #appEnv(app: AppRef): Promise<Record<string, string>> {
    return existsSync(this.envFile(app)) ? parseEnvFile(await readFile(this.envFile(app), "utf8")).values : {};
  }

  /** Lay out ABRA_DIR (once per run), clone the recipe (once per run), create the app if new. */
  async #prepare(app: AppRef, options: { signal?: AbortSignal }): Promise<void> {
    this.#prepared ??= prepareAbraDir(this.#opts.abraDir, { sharedAbraDir: this.#opts.sharedAbraDir ?? defaultSharedAbraDir(), server: this.#opts.server })
      .then(async () => void (await reapStaleAbraDirs(this.#opts.abraDir)));
    await this.#prepared;
    if (!this.#checkouts.has(app.recipe)) {
      await cloneRecipe(this.#opts.abraDir, app.recipe, app.recipeDir, options);
      this.#checkouts.add(app.recipe);
    }
    if (existsSync(this.envFile(app))) return;
    await this.#abra(abraNewArgs(app.recipe, app.domain, this.#opts.server), options);
    await this.#abra(abraSecretGenerateArgs(app.domain), options);
  }

  async deploy(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    validateApp(app);
    parseInput("ref", gitRefSchema, ref);
    assertAbraStackName(app, await this.#appEnv(app));
    // Only the signal travels on: options.env holds secret values that must not become any
    // child's process environment (they go into the app's .env below).
    const { signal } = options;
    const started = Date.now();
    await waitHalfRemovedStack(app.stack, { signal });
    await this.#prepare(app, { signal });
    assertAbraStackName(app, await this.#appEnv(app));
    const target = await abraTarget(this.recipeCheckout(app), app.recipeDir, ref, { signal, chaos: options.chaos });
    const secrets = Object.values(options.env ?? {});
    if (options.env && Object.keys(options.env).length) await setAppEnvValues(this.envFile(app), options.env);
    const appEnv = await this.#appEnv(app);
    const flags = {
      version: target.kind === "release" ? target.version : undefined,
      chaos: target.kind === "chaos",
      force: await stackIsDeployed(app.stack, { signal }),
      // abra runs the app's POST_DEPLOY_CMDS only after its own converge wait: keep that wait
      // when there are some; otherwise cc-warm's converge check (waitConverged) is the one.
      noConvergeChecks: !appEnv.POST_DEPLOY_CMDS,
    };
    const since = Date.now();
    await this.#abra(abraDeployArgs(app.domain, flags), { signal, secrets });
    this.#lastDeploy.set(app.stack, since);
    await confirmStackFromLabels(app.stack, app.domain, { signal });
    return { stack: app.stack, ref, commit: target.commit, secretsCreated: [], durationMs: Date.now() - started };
  }

  /**
   * An operator's upgrade: the ref's new `.env.sample` keys go into abra's app env file (abra
   * reads it from disk, so `persistEnv: false` cannot apply); when a `SECRET_*_VERSION` key was
   * added, `abra app secret generate --all` creates the secrets still missing; then deploy.
   */
  async upgrade(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    validateApp(app);
    parseInput("ref", gitRefSchema, ref);
    const { signal } = options;
    await this.#prepare(app, { signal });
    assertAbraStackName(app, await this.#appEnv(app));
    const target = await abraTarget(this.recipeCheckout(app), app.recipeDir, ref, { signal, chaos: options.chaos });
    const sample = await runCommand("git", ["-C", app.recipeDir, "show", `${target.commit}:.env.sample`], { signal });
    const added = await upgradeAppEnv(this.envFile(app), sample.failed ? "" : sample.stdout, { ref, persist: true });
    const generatedSecrets = secretsOfAddedKeys(added.keys, await this.#appEnv(app));
    if (generatedSecrets.length) await this.#abra(abraSecretGenerateArgs(app.domain), { signal });
    return { ...(await this.deploy(app, ref, options)), upgradeSteps: { addedEnv: added.keys, generatedSecrets } };
  }

  async undeploy(app: AppRef, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    validateApp(app);
    if (!existsSync(this.envFile(app))) {
      if (!(await stackIsDeployed(app.stack, options))) return;
      throw new InfraError(`cannot undeploy ${app.domain} with abra: its stack ${app.stack} is deployed but it has no app env file ${this.envFile(app)}`);
    }
    const graceSeconds = await stackStopGrace(app.stack, options);
    await this.#abra(abraUndeployArgs(app.domain), options);
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
