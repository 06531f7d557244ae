import { canonicalApp } from "../../lib/canonical/app.ts";
import type { Config } from "../../lib/config/types.ts";
import { type GateDecision, promotionGate, runGateReason } from "./gate.ts";
import { type LatestRelease, resolveCommit, resolveLatest } from "../../lib/release/latest.ts";
import type { PromoteParams } from "./params.ts";

/**
 * Run the promotion gate against the recipe repository: resolve its latest release and the
 * run's ref, then decide. Cheap and side-effect free (git reads only); a collision with live-warm
 * infrastructure throws an InputError (exit 2) rather than refusing quietly.
 *
 * @example
 * ```ts
 * const d = await decidePromotion({ recipe: "demo", verdict: "green", mode: "cold" }, config);
 * ```
 */
export async function decidePromotion(params: PromoteParams, config: Config, options: { signal?: AbortSignal } = {}): Promise<GateDecision> {
  // Enrollment, mode, verdict and PR refs are decided without touching the repository.
  const early = runGateReason(params, config);
  if (early) return { eligible: false, reason: early };
  const app = canonicalApp(params.recipe, config);
  let latest: LatestRelease | undefined;
  try {
    latest = await resolveLatest(app.recipeDir, { ...options, allowPrereleases: config.recipes[params.recipe]?.allowPrereleases });
  } catch (e) {
    return { eligible: false, reason: `the latest release of ${params.recipe} could not be read from ${app.recipeDir}: ${(e as Error).message.slice(0, 300)}` };
  }
  const ref = params.ref;
  const refCommit = ref && ref !== "latest" ? await resolveCommit(app.recipeDir, ref, options) : undefined;
  return promotionGate(params, config, latest, refCommit);
}
