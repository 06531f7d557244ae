/**
 * The config file schema (desired state). The public interfaces in `types.ts` are checked
 * against these schemas at compile time (`tests/unit/config-types.test.ts`), both ways.
 * @module
 */
import { z } from "zod";
import type { Config, InfraAppConfig, RecipeConfig, SecretSource } from "./types.ts";
import { parseCron } from "../schedule/parse-cron.ts";
import { absolutePathSchema, domainSchema, recipeNameSchema } from "../validate/names.ts";

/** A command as an argv array (never a shell string: no quoting bugs, no injection). */
export const commandSchema: z.ZodType<string[]> = z.array(z.string().min(1)).min(1, "must name a program");

/** Where the Keycloak admin password comes from. */
export const secretSourceSchema: z.ZodType<SecretSource> = z.discriminatedUnion("from", [
  z.strictObject({ from: z.literal("env"), name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default("CC_WARM_KEYCLOAK_ADMIN_PASSWORD") }),
  z.strictObject({ from: z.literal("file"), path: absolutePathSchema }),
  z.strictObject({ from: z.literal("docker-secret"), path: z.string().default("/run/secrets/admin_password") }),
]);

/** One enrolled recipe: it has a canonical app and a known-good snapshot. */
export const recipeConfigSchema: z.ZodType<RecipeConfig> = z.strictObject({
  /** Recipe source: a git repository (path or URL) the deployer checks out. */
  source: z.string().min(1).optional(),
  /** How promotion brings the canonical to a green version. */
  strategy: z.enum(["rewarm", "adopt"]).default("rewarm"),
  /** Run after a fresh deploy during promotion, with the app's domain in the environment. */
  seedCommand: commandSchema.optional(),
  /** Custom assert for the quick lane (argv), with CC_WARM_DOMAIN/STACK/REF in its environment. */
  assertCommand: commandSchema.optional(),
  /** The recipe needs an SSO realm on the warm Keycloak. */
  sso: z
    .object({
      /** Env var names the recipe reads for the OIDC client id, secret and issuer. */
      clientIdEnv: z.string().default("OIDC_CLIENT_ID"),
      clientSecretEnv: z.string().default("OIDC_CLIENT_SECRET"),
      issuerEnv: z.string().default("OIDC_ISSUER"),
    })
    .optional(),
  /** Minutes a deploy may take to converge. */
  convergeTimeoutMinutes: z.number().positive().default(10),
  /** Count pre-release tags (`0.4.0-rc1+1.2.0`) as releases for promotion and the sweep. */
  allowPrereleases: z.boolean().optional(),
});

/** One live-warm infrastructure app (e.g. keycloak, traefik) kept at its recipe's latest release by `cc-warm reconcile`. */
export const infraAppConfigSchema: z.ZodType<InfraAppConfig> = z.strictObject({
  /** Recipe source: a git repository whose tags `<semver>+<upstream>` are the releases (abra: default `~/.abra/recipes/<app>`). */
  source: z.string().min(1).optional(),
  /** Its data matters: undeploy and snapshot the volumes before an upgrade, restore them on rollback. */
  stateful: z.boolean().default(true),
  /** Stable domain (default: the Keycloak domain for `keycloak.recipe`, else `warm-<app>.<ciDomain>`). */
  domain: domainSchema.optional(),
  /** Must answer 200 after a deploy (default for Keycloak: `<keycloak url>/realms/master`; else only convergence counts). */
  healthUrl: z.url().optional(),
  /** Minutes a deploy may take to converge and become healthy. */
  convergeTimeoutMinutes: z.number().positive().default(10),
  /** Count pre-release tags as releases: reconcile may go to a release candidate. */
  allowPrereleases: z.boolean().optional(),
});

/** The whole config file. */
export const configSchema: z.ZodType<Config> = z.strictObject({
  /** Where registry.json, snapshots, locks and alerts live. */
  stateDir: absolutePathSchema.default("/var/lib/ci-warm"),
  /** The CI domain suffix: canonicals live at `warm-<recipe>.<ciDomain>`. */
  ciDomain: domainSchema.default("ci.local"),
  /** Docker's data root (for disk usage). */
  dockerRoot: absolutePathSchema.default("/var/lib/docker"),
  deployer: z
    .object({
      kind: z.enum(["docker-stack", "abra"]).default("docker-stack"),
      /** abra: the server name apps are created on. */
      server: z.string().regex(/^[a-z0-9.-]+$/).default("default"),
      /** abra: the binary. */
      abraBin: z.string().min(1).default("abra"),
      /** abra: the shared abra dir whose servers/ and catalogue/ each run's own ABRA_DIR links to (default ~/.abra). */
      abraDir: absolutePathSchema.optional(),
      /** docker-stack: where recipe repositories are checked out per run. */
      workDir: absolutePathSchema.optional(),
    })
    .prefault({}),
  keycloak: z
    .object({
      /** The recipe that provides the warm Keycloak. */
      recipe: recipeNameSchema.default("keycloak"),
      /** The warm Keycloak's stable domain (default: warm-keycloak.<ciDomain>). */
      domain: domainSchema.optional(),
      /** Base URL the admin API is reached at (default: https://warm-keycloak.<ciDomain>). */
      url: z.url().optional(),
      adminUser: z.string().min(1).default("admin"),
      adminPassword: secretSourceSchema.prefault({ from: "env" }),
      /** Realms whose run is gone are reaped after this many minutes. */
      realmGraceMinutes: z.number().positive().default(120),
    })
    .prefault({}),
  /** Live-warm infrastructure apps reconciled to their recipe's latest release: name → options. */
  infra: z.record(recipeNameSchema, infraAppConfigSchema).default({}),
  /** Enrolled recipes: name → options. */
  recipes: z.record(recipeNameSchema, recipeConfigSchema).default({}),
  sweep: z
    .object({
      /** Cron expression (5 fields) for the nightly cold sweep. */
      schedule: z
        .string()
        .default("0 2 * * *")
        .superRefine((cron, ctx) => {
          try {
            parseCron(cron);
          } catch (e) {
            ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^schedule: /, "") });
          }
        }),
      /** The OnCalendar the NixOS module derived from `schedule` (display only). */
      onCalendar: z.string().optional(),
      /** At most this many cold tests per sweep (MAX_TESTS). */
      maxTests: z.number().int().positive().default(2),
      /** The orchestrator's cold command; `{recipe}` and `{ref}` are substituted per argument. */
      coldCommand: commandSchema.optional(),
      /** Minutes one cold command may run before the sweep kills it (recorded as an error, never promoted). */
      coldTimeoutMinutes: z.number().positive().default(180),
      /** Days after which a recipe whose canonical is already at its latest release is cold-tested again. */
      reverifyDays: z.number().nonnegative().optional(),
      /** Warm infrastructure apps the sweep rolls first (`cc-warm reconcile app=<name>`); default: every app in `infra`; [] skips it. */
      reconcileApps: z.array(recipeNameSchema).optional(),
    })
    .prefault({}),
  disk: z
    .object({
      warnAtPercent: z.number().min(1).max(100).default(80),
      pruneAtPercent: z.number().min(1).max(100).default(85),
      pruneDownToPercent: z.number().min(1).max(100).default(75),
      /** Cold-run leftovers younger than this are never pruned. */
      coldGraceHours: z.number().nonnegative().default(6),
      /** Unused images are the pull cache: keep up to this many GiB. */
      imageBudgetGiB: z.number().nonnegative().default(20),
    })
    .prefault({})
    .refine((d) => d.pruneDownToPercent < d.pruneAtPercent, { message: "pruneDownToPercent must be below pruneAtPercent", path: ["pruneDownToPercent"] }),
  alerts: z
    .object({
      /** Called with the alert as JSON on stdin. */
      notifyCommand: commandSchema.optional(),
    })
    .prefault({}),
  locks: z
    .object({
      /** How long a run waits for an app's lock. */
      waitTimeoutMinutes: z.number().positive().default(60),
    })
    .prefault({}),
  history: z
    .object({
      /** The active `<stateDir>/history/current.jsonl` is rotated once it would grow past this. */
      segmentBytes: z.number().int().min(16_384).default(1_048_576),
      /** Rotated segments kept (newest first); older ones are deleted. */
      maxSegments: z.number().int().positive().default(32),
      /** Rotated segments older than this are deleted. */
      maxAgeDays: z.number().positive().default(365),
      /** `status` and `report` summarise the last this many runs per recipe and lane. */
      runs: z.number().int().positive().default(20),
    })
    .prefault({}),
});

