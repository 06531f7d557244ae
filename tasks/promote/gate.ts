/**
 * The promotion gate (WC5): only an enrolled recipe's green cold run on its latest release may
 * advance the canonical. Pure: the caller resolves the refs.
 * @module
 */
import type { Config } from "../../lib/config/types.ts";
import type { LatestRelease } from "../../lib/release/latest.ts";
import type { PromoteParams } from "./params.ts";

/** Refs of pull/merge requests (GitHub, Gitea/Forgejo, GitLab): never latest. */
const PR_REF = /^(?:refs\/)?(?:pull|pulls|merge-requests|pr)\/|^refs\/remotes\//;

/** The gate's answer: the release to promote to, or why not. */
export type GateDecision =
  | { eligible: true; target: LatestRelease; version: string | undefined }
  | { eligible: false; reason: string };

/**
 * Is the ref a pull/merge request ref (`refs/pull/12/head`, `pull/12/merge`, `refs/merge-requests/3/head`)?
 *
 * @example
 * ```ts
 * isPullRequestRef("refs/pull/12/head"); // true
 * ```
 */
export function isPullRequestRef(ref: string): boolean {
  return PR_REF.test(ref);
}

/**
 * The part of the gate that needs no repository: enrolled, cold, green, not a PR ref. Returns
 * the refusal reason, or undefined when the run passes so far.
 *
 * @example
 * ```ts
 * runGateReason({ recipe: "demo", verdict: "red", mode: "cold" }, config); // "the cold run was red"
 * ```
 */
export function runGateReason(params: PromoteParams, config: Pick<Config, "recipes">): string | undefined {
  if (!Object.hasOwn(config.recipes, params.recipe)) return `${params.recipe} is not enrolled (config recipes)`;
  if (params.mode !== "cold") return `a ${params.mode} run never promotes (only cold runs do)`;
  if (params.verdict !== "green") return `the cold run was ${params.verdict}`;
  if (params.ref !== undefined && isPullRequestRef(params.ref)) return `${params.ref} is a pull-request ref, not the latest release`;
  return undefined;
}

/**
 * Decide whether a run may promote. `latest` is the recipe's latest release; `refCommit` is the
 * commit `params.ref` resolves to (undefined when it names none or is absent). A ref is on
 * latest when it is absent, `latest`, the release tag's (or default branch's) name, or any ref
 * that resolves to the same commit.
 *
 * @example
 * ```ts
 * const d = promotionGate({ recipe: "demo", verdict: "green", mode: "cold" }, config, latest, undefined);
 * if (!d.eligible) console.log(d.reason);
 * ```
 */
export function promotionGate(params: PromoteParams, config: Pick<Config, "recipes">, latest: LatestRelease | undefined, refCommit: string | undefined): GateDecision {
  const no = (reason: string): GateDecision => ({ eligible: false, reason });
  const early = runGateReason(params, config);
  if (early) return no(early);
  if (!latest) return no(`the latest release of ${params.recipe} could not be determined`);
  const ref = params.ref;
  if (ref !== undefined && ref !== "latest") {
    const sameName = ref === latest.ref || ref === `refs/tags/${latest.ref}` || ref === `refs/heads/${latest.ref}`;
    if (!sameName && refCommit === undefined) return no(`${ref} is not a commit of ${params.recipe}`);
    if (!sameName && refCommit !== latest.commit) {
      return no(`${ref} is not the latest release ${latest.tag ?? latest.ref} (${latest.commit.slice(0, 12)})`);
    }
  }
  return { eligible: true, target: latest, version: params.version ?? latest.tag };
}
