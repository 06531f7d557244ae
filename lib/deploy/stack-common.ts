import { runCommand, runCommandOrThrow } from "../exec/mod.ts";
import { parseInput } from "../validate/parse.ts";
import { domainSchema, recipeNameSchema, stackNameSchema } from "../validate/names.ts";
import { readStackState } from "./stack-state.ts";
import type { AppRef } from "./types.ts";

/**
 * Validate an {@linkcode AppRef}'s names before any side effect (throws `InputError`).
 *
 * @example
 * ```ts
 * validateApp({ recipe: "demo", domain: "d.ci.local", stack: "d_ci_local", recipeDir: "/r" });
 * ```
 */
export function validateApp(app: AppRef): AppRef {
  parseInput("recipe", recipeNameSchema, app.recipe);
  parseInput("domain", domainSchema, app.domain);
  parseInput("stack", stackNameSchema, app.stack);
  return app;
}

/**
 * True when any service of the stack exists.
 *
 * @example
 * ```ts
 * if (await stackIsDeployed("d_ci_local")) console.log("up");
 * ```
 */
export async function stackIsDeployed(stack: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const res = await runCommandOrThrow("docker", ["service", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`], options);
  return res.stdout.trim().length > 0;
}

/**
 * Deploy labels of the stack's live services, merged (empty when not deployed).
 *
 * @example
 * ```ts
 * const labels = await stackServiceLabels("d_ci_local");
 * ```
 */
export async function stackServiceLabels(stack: string, options: { signal?: AbortSignal } = {}): Promise<Record<string, string>> {
  return Object.assign({}, ...(await readStackState(stack, options)).map((s) => s.labels));
}

/**
 * The image id (`sha256:…`) each service of the stack runs, by service short name.
 *
 * @example
 * ```ts
 * await stackImageDigests("d_ci_local"); // { app: "sha256:…" }
 * ```
 */
export async function stackImageDigests(stack: string, options: { signal?: AbortSignal } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of await readStackState(stack, options)) {
    const image = s.image.replace(/@sha256:[0-9a-f]+$/, "");
    const res = await runCommand("docker", ["image", "inspect", "--format", "{{.Id}}", image], options);
    out[s.name.startsWith(`${stack}_`) ? s.name.slice(stack.length + 1) : s.name] = res.failed ? s.image : res.stdout.trim();
  }
  return out;
}
