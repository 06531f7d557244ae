import type { CommandEnv } from "../../lib/cli/command.ts";
import { createDeployer } from "../../lib/deploy/factory.ts";
import type { AppRef, Deployer } from "../../lib/deploy/types.ts";
import { defineGraph, type Graph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";
import { runAsserts } from "../shared/assert.ts";
import { coldApp, teardownColdApp } from "./app.ts";
import type { ColdParams } from "./params.ts";
import { type DeployStepOutcome, deployAndWait } from "../shared/deploy.ts";

interface ColdContext {
  app: AppRef;
  deployer: Deployer;
  convergeMs: number;
}

/**
 * A cold run, as the orchestrator runs one: a fresh app at a per-run domain → deploy (`from`, or
 * `ref`) → [upgrade to `ref`] → asserts → teardown (always: stack, volumes, secrets, configs, env).
 * Nothing is retained; it never touches a canonical.
 */
export function coldGraph(env: CommandEnv): Graph<ColdParams> {
  const app = defineTask<ColdParams, ColdContext>({
    id: "app", description: "pick a fresh per-run domain and stack",
    run: (ctx) => {
      const a = coldApp(ctx.params.recipe, env.config);
      const minutes = ctx.params.timeout ?? env.config.recipes[ctx.params.recipe]?.convergeTimeoutMinutes ?? 10;
      ctx.log(`cold app ${a.domain} (stack ${a.stack})`);
      return { app: a, deployer: createDeployer(env.config, { runId: ctx.runId }), convergeMs: minutes * 60_000 };
    },
  });
  const deploy = defineTask<ColdParams, DeployStepOutcome>({
    id: "deploy", needs: [app], description: "deploy from scratch (at `from` when given, else `ref`); wait converged",
    run: (ctx) => deployAndWait(ctx, ctx.output(app)!, ctx.params.from ?? ctx.params.ref, { paramMinutes: ctx.params.timeout }),
  });
  const upgrade = defineTask<ColdParams, DeployStepOutcome>({
    id: "upgrade", needs: [deploy], description: "upgrade to `ref` as an operator would (only with `from`); wait converged",
    run: (ctx) => (ctx.params.from ? deployAndWait(ctx, ctx.output(app)!, ctx.params.ref, { upgrade: true, paramMinutes: ctx.params.timeout }) : ctx.output(deploy)!),
  });
  const asserts = defineTask<ColdParams, { custom: string | undefined }>({
    id: "assert", needs: [upgrade], description: "generic (converged, healthy) and custom asserts",
    run: (ctx) => runAsserts(ctx, { ...ctx.output(app)!, mode: "cold" }, env),
  });
  const teardown = defineTask<ColdParams, string[]>({
    id: "teardown", needs: [asserts], rule: "always", description: "remove everything of the run (always: cold teardown is sacred)",
    run: async (ctx) => {
      const c = ctx.output(app);
      if (!c) return [];
      const removed = await teardownColdApp(c.deployer, c.app, env.config.stateDir, { signal: ctx.signal });
      ctx.log(`removed ${c.app.stack} and ${removed.length} volume(s)/secret(s)/config(s)`);
      return removed;
    },
  });
  return defineGraph<ColdParams>({ id: "cold", tasks: [app, deploy, upgrade, asserts, teardown], teardownDeadlineMs: 10 * 60_000 });
}
