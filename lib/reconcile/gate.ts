/**
 * The pre-deploy gate (WC1.2): a pure decision on whether the reconciler may move a live-warm
 * app from its last-good release to the target release.
 * @module
 */
import { compareReleases, type Release } from "../release/order.ts";
import type { ReleaseNote } from "./release-notes.ts";

/** What the gate decided. */
export interface GateDecision {
  /** `proceed`: deploy the target; `hold`: deploy nothing, alert a human. */
  verdict: "proceed" | "hold";
  /** Why it holds (empty when it proceeds). */
  reasons: string[];
  /** Notes of the releases passed over, oldest first, that flag a manual migration. */
  flagged: string[];
}

/** Input of {@linkcode gateDecision}. */
export interface GateInput {
  /** The last-good release. */
  current: Release;
  /** The release to go to. */
  target: Release;
  /** Notes of every release after `current` up to and including `target`. */
  notes: readonly ReleaseNote[];
  /** A release an operator approved (`approve=<tag>`): the gate lets exactly this target through. */
  approved?: string | undefined;
}

/**
 * Hold when the recipe's major version changes (either way), when the target is older than the
 * last-good (stateful data does not downgrade), or when any release passed over flags a manual
 * migration in its note. An operator's `approved` tag equal to the target lets it through.
 *
 * @example
 * ```ts
 * gateDecision({ current: parseRelease("1.1.0+26.5.6")!, target: parseRelease("2.0.0+26.5.6")!, notes: [] });
 * // { verdict: "hold", reasons: ["major version change 1 → 2"], flagged: [] }
 * ```
 */
export function gateDecision(input: GateInput): GateDecision {
  const { current, target } = input;
  const reasons: string[] = [];
  if (current.semver[0] !== target.semver[0]) reasons.push(`major version change ${current.semver[0]} → ${target.semver[0]} (${current.tag} → ${target.tag})`);
  else if (compareReleases(target, current) < 0) reasons.push(`${target.tag} is older than the last-good ${current.tag} (no downgrades of live data)`);
  const flagged = input.notes.filter((n) => n.manualMigration).map((n) => n.version);
  if (flagged.length) reasons.push(`release notes flag a manual migration: ${flagged.join(", ")}`);
  if (reasons.length && input.approved === target.tag) return { verdict: "proceed", reasons: [], flagged };
  return { verdict: reasons.length ? "hold" : "proceed", reasons, flagged };
}

/**
 * The releases whose notes the gate reads: those after `current` up to and including `target`.
 *
 * @example
 * ```ts
 * releasesBetween(all, current, target).map((r) => r.tag);
 * ```
 */
export function releasesBetween(all: readonly Release[], current: Release, target: Release): Release[] {
  return all.filter((r) => compareReleases(r, current) > 0 && compareReleases(r, target) <= 0);
}
