import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.ts";
import { type CommandResult, runCommandOrThrow } from "../exec/mod.ts";
import { appEnvPath, ensureAppEnvFile, loadAppEnv } from "./app-env.ts";
import { checkoutRecipe, type RecipeCheckout } from "./checkout.ts";
import { anonymousVolumes, composeFiles, composeLabels, excludedVolumes, renderCompose } from "./compose.ts";
import { type ConvergeReport, waitStackConverged } from "./converge.ts";
import { deployTimeoutLabelMs } from "./deploy-timeout.ts";
import { checkDocker } from "./docker-version.ts";
import { execInService } from "./exec.ts";
import { ensureSecrets } from "./secrets.ts";
import { stackImageDigests, stackIsDeployed, stackServiceLabels, validateApp } from "./stack-common.ts";
import type { AppRef, DeployOptions, DeployResult, Deployer } from "./types.ts";
import { secretShortNames, upgradeAppEnv } from "./upgrade-steps.ts";
import { removeStack, waitHalfRemovedStack } from "./undeploy.ts";
import { type AppVolume, listStackVolumes } from "./volumes.ts";

/** Options for {@linkcode DockerStackDeployer}. */
export interface DockerStackDeployerOptions {
  /** App env files live in `<stateDir>/apps/<domain>.env`. */
  stateDir: string;
  /** Where per-run recipe checkouts are made (default: the OS temp dir). */
  workDir?: string | undefined;
  /** `docker stack deploy --resolve-image` (default `never`: images are local or pulled by tag). */
  resolveImage?: "always" | "changed" | "never";
}

/**
 * Deploys like abra, with plain Docker: app env (dotenv), `COMPOSE_FILE` overlays, versioned
 * secrets generated once, a private checkout per deploy, `docker stack deploy`.
 *
 * @example
 * ```ts
 * const d = new DockerStackDeployer({ stateDir: "/var/lib/ci-warm" });
 * await d.deploy(app, "v1");
 * await d.waitConverged(app, { timeoutMs: 120_000 });
 * ```
 */
export class DockerStackDeployer implements Deployer {
  readonly kind: "docker-stack" = "docker-stack";
  readonly #opts: DockerStackDeployerOptions;
  readonly #lastDeploy = new Map<string, number>();
  constructor(options: DockerStackDeployerOptions) {
    this.#opts = options;
  }

  /** The app's env file. */
  envFile(app: AppRef): string {
    return app.envFile ?? appEnvPath(this.#opts.stateDir, app.domain);
  }

  deploy(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    return this.#deploy(app, ref, options, false);
  }

  async #deploy(app: AppRef, ref: string, options: DeployOptions, upgrade: boolean): Promise<DeployResult> {
    validateApp(app);
    const started = Date.now();
    const { signal } = options;
    await checkDocker({ signal }); // before any side effect: names a missing or too old client/engine
    if (this.#opts.workDir) await mkdir(this.#opts.workDir, { recursive: true });
    // --chaos: the recipe checkout as it is; otherwise a private copy at the ref.
    const co: RecipeCheckout = options.chaos
      ? { dir: app.recipeDir, commit: (await runCommandOrThrow("git", ["-C", app.recipeDir, "rev-parse", "HEAD"], { signal })).stdout.trim(), dispose: async () => {} }
      : await checkoutRecipe(app.recipeDir, ref, { workDir: this.#opts.workDir, signal });
    try {
      const existed = existsSync(this.envFile(app));
      const envFile = await ensureAppEnvFile(co.dir, { path: this.envFile(app), domain: app.domain });
      const sample = upgrade && existed ? await readFile(join(co.dir, ".env.sample"), "utf8").catch(() => "") : "";
      const added = upgrade && existed ? await upgradeAppEnv(envFile, sample, { ref, persist: options.persistEnv ?? true }) : undefined;
      const env = await loadAppEnv(envFile, { stack: app.stack, recipeDir: co.dir, extra: options.env, text: added?.text });
      const compose = await renderCompose(co.dir, { env: env.values, signal });
      const anon = anonymousVolumes(compose);
      if (anon.length) {
        const where = anon.map((a) => `${a.service}:${a.target}`).join(", ");
        throw new InputError("recipe", `${app.recipe} keeps data in anonymous volumes (${where}); Swarm deletes those on scale-to-0 (moby#37517): give them a named volume`);
      }
      await waitHalfRemovedStack(app.stack, { signal });
      const secrets = await ensureSecrets(app.stack, { compose, env, signal });
      const since = Date.now();
      const files = composeFiles(env.values).flatMap((f) => ["-c", f]);
      // --detach exists from CLI 26; older clients never wait for the services anyway.
      const detach = (await checkDocker({ signal })).deployDetach ? ["--detach=true"] : [];
      await runCommandOrThrow("docker", ["stack", "deploy", ...detach, "--resolve-image", this.#opts.resolveImage ?? "never", ...files, app.stack], { cwd: co.dir, env: env.values, signal });
      this.#lastDeploy.set(app.stack, since);
      const specHash = createHash("sha256").update(compose.text.split(co.dir).join(".")).digest("hex");
      const timeoutMs = deployTimeoutLabelMs(composeLabels(compose), app.stack);
      const upgradeSteps = upgrade ? { addedEnv: added?.keys ?? [], generatedSecrets: secretShortNames(secrets.created, app.stack) } : undefined;
      return { stack: app.stack, ref, commit: co.commit, specHash, timeoutMs, secretsCreated: secrets.created, upgradeSteps, durationMs: Date.now() - started };
    } finally {
      await co.dispose();
    }
  }

  upgrade(app: AppRef, ref: string, options: DeployOptions = {}): Promise<DeployResult> {
    return this.#deploy(app, ref, options, true);
  }

  async undeploy(app: AppRef, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    await removeStack(validateApp(app).stack, options);
  }

  waitConverged(app: AppRef, options: { timeoutMs: number; signal?: AbortSignal; since?: number }): Promise<ConvergeReport> {
    return waitStackConverged(app.stack, { ...options, since: options.since ?? this.#lastDeploy.get(app.stack) });
  }

  isDeployed(app: AppRef, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    return stackIsDeployed(app.stack, options);
  }

  async volumes(app: AppRef, options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Promise<AppVolume[]> {
    // Live service labels are the truth; an undeployed app's labels come from its recipe checkout.
    let labels = await stackServiceLabels(app.stack, options);
    if (!Object.keys(labels).length && existsSync(this.envFile(app))) {
      const env = await loadAppEnv(this.envFile(app), { stack: app.stack, recipeDir: app.recipeDir, extra: options.env });
      labels = composeLabels(await renderCompose(app.recipeDir, { env: env.values, signal: options.signal }));
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
