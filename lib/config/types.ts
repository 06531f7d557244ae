/**
 * Public config types. Each is checked against its zod schema in both directions
 * (`tests/unit/config-types.test.ts`), so the two cannot drift.
 * @module
 */

/** Where a secret (the Keycloak admin password) is read from. */
export type SecretSource =
  | { from: "env"; name: string }
  | { from: "file"; path: string }
  | { from: "docker-secret"; path: string };

/** One enrolled recipe's options. */
export interface RecipeConfig {
  source?: string | undefined;
  strategy: "rewarm" | "adopt";
  seedCommand?: string[] | undefined;
  assertCommand?: string[] | undefined;
  sso?: { clientIdEnv: string; clientSecretEnv: string; issuerEnv: string } | undefined;
  convergeTimeoutMinutes: number;
  /** Pre-release tags count as releases (default false). */
  allowPrereleases?: boolean | undefined;
}

/** One live-warm infrastructure app (`cc-warm reconcile app=<name>`). */
export interface InfraAppConfig {
  source?: string | undefined;
  stateful: boolean;
  domain?: string | undefined;
  healthUrl?: string | undefined;
  convergeTimeoutMinutes: number;
  /** Pre-release tags count as releases (default false). */
  allowPrereleases?: boolean | undefined;
}

/** The validated config, with defaults applied. */
export interface Config {
  stateDir: string;
  ciDomain: string;
  dockerRoot: string;
  deployer: { kind: "docker-stack" | "abra"; server: string; abraBin: string; abraDir?: string | undefined; workDir?: string | undefined };
  keycloak: {
    recipe: string;
    domain?: string | undefined;
    url?: string | undefined;
    adminUser: string;
    adminPassword: SecretSource;
    realmGraceMinutes: number;
  };
  infra: Record<string, InfraAppConfig>;
  recipes: Record<string, RecipeConfig>;
  sweep: {
    schedule: string;
    onCalendar?: string | undefined;
    maxTests: number;
    coldCommand?: string[] | undefined;
    coldTimeoutMinutes: number;
    /** Re-verify an unchanged recipe after this many days (default 7). */
    reverifyDays?: number | undefined;
    reconcileApps?: string[] | undefined;
  };
  disk: {
    warnAtPercent: number;
    pruneAtPercent: number;
    pruneDownToPercent: number;
    coldGraceHours: number;
    imageBudgetGiB: number;
  };
  alerts: { notifyCommand?: string[] | undefined };
  locks: { waitTimeoutMinutes: number };
  /** Run history (`<stateDir>/history/`): rotation, retention, and how many runs summaries use. */
  history: { segmentBytes: number; maxSegments: number; maxAgeDays: number; runs: number };
}
