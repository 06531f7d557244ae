import { canonicalApp } from "../../lib/canonical/app.ts";
import type { CommandEnv, Conclusion } from "../../lib/cli/command.ts";
import { InputError } from "../../lib/errors.ts";
import { notEligible } from "./conclude.ts";
import { decidePromotion } from "./decide.ts";
import type { PromoteParams } from "./params.ts";

/**
 * Before any side effect: a colliding enrollment is bad config (InputError, exit 2); a run the
 * gate refuses ends here as not-eligible (exit 0); `adopt` needs `cold-domain`.
 *
 * @example
 * ```ts
 * const early = await promotePrecheck(params, env);
 * if (early) return early;
 * ```
 */
export async function promotePrecheck(params: PromoteParams, env: CommandEnv, options: { signal?: AbortSignal } = {}): Promise<Conclusion | undefined> {
  if (Object.hasOwn(env.config.recipes, params.recipe)) canonicalApp(params.recipe, env.config); // throws on a collision or a missing source
  const decision = await decidePromotion(params, env.config, options);
  if (!decision.eligible) return notEligible(params, decision.reason);
  if (env.config.recipes[params.recipe]!.strategy === "adopt" && !params["cold-domain"]) {
    throw new InputError("cold-domain", `${params.recipe} is promoted by adopt: pass the undeployed green cold app's domain`);
  }
  return undefined;
}
