/**
 * The graphs the CLI knows, by name, loaded on demand so `cc-warm --help` stays fast.
 * @module
 */
import type { GraphCommand } from "../lib/cli/command.ts";

/** A graph's name and summary, and how to load its command. */
export interface CatalogEntry {
  name: string;
  summary: string;
  load(): Promise<GraphCommand>;
}

/**
 * Every graph command, in the order `cc-warm --help` lists them. Summaries are checked against
 * the commands' own by a unit test.
 *
 * @example
 * ```ts
 * const quick = await catalog.find((c) => c.name === "quick")!.load();
 * ```
 */
export const catalog: readonly CatalogEntry[] = [
  { name: "quick", summary: "upgrade the recipe's canonical to a PR ref with its data; roll back on failure (opt-in warm lane)", load: async () => (await import("./quick.ts")).quickCommand },
  { name: "promote", summary: "advance a recipe's canonical after a green cold run on its latest release (never from quick or a PR)", load: async () => (await import("./promote.ts")).promoteCommand },
  { name: "reconcile", summary: "bring a live-warm infra app (keycloak, traefik) to its recipe's latest release: gate, snapshot, deploy, health, commit or roll back", load: async () => (await import("./reconcile.ts")).reconcileCommand },
  { name: "realm-create", summary: "create a dependent run's realm on the warm Keycloak; credentials in the --json result (exit 4: no warm Keycloak, co-deploy)", load: async () => (await import("./realm.ts")).realmCreateCommand },
  { name: "realm-delete", summary: "delete a run's realm from the warm Keycloak (idempotent; only cc-warm realms)", load: async () => (await import("./realm.ts")).realmDeleteCommand },
  { name: "realms-reap", summary: "delete realms on the warm Keycloak whose run is gone (marked, no live stack, older than the grace)", load: async () => (await import("./realms-reap.ts")).realmsReapCommand },
  { name: "status", summary: "show canonicals, disk, locks, alerts, the sweep schedule, and quick vs cold from the run history (read-only)", load: async () => (await import("./status.ts")).statusCommand },
  { name: "report", summary: "write one self-contained HTML page: canonicals, quick vs cold over time, disagreements, disk, alerts, the last sweep (read-only)", load: async () => (await import("./report.ts")).reportCommand },
  { name: "retire", summary: "remove a recipe's canonical: stack, volumes, secrets, known-good, registry entry — the only way warm data is deleted (dry run by default)", load: async () => (await import("./retire.ts")).retireCommand },
  { name: "prune", summary: "free disk: cold-run leftovers, snapshot garbage, old images; never warm data (dry run by default)", load: async () => (await import("./prune.ts")).pruneCommand },
  { name: "sweep", summary: "nightly full-cold sweep: roll warm infrastructure, cold-test up to MAX_TESTS recipes on latest, promote the green ones", load: async () => (await import("./sweep.ts")).sweepCommand },
  { name: "cold", summary: "a cold run: fresh app at a per-run domain, deploy [→ upgrade], assert, tear everything down", load: async () => (await import("./cold.ts")).coldCommand },
  { name: "selftest", summary: "check the runner, events, cancellation and teardown on this host (no side effects)", load: async () => (await import("./selftest.ts")).selftestCommand },
];
