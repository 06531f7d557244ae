import { raiseAlert } from "../../lib/alerts/raise.ts";
import type { CommandEnv } from "../../lib/cli/command.ts";
import { gateDecision, releasesBetween } from "../../lib/reconcile/gate.ts";
import { readReleaseNote, type ReleaseNote } from "../../lib/reconcile/release-notes.ts";
import type { TaskContext } from "../../lib/runner/task.ts";
import type { ReconcileParams } from "./params.ts";
import type { BaseAction, ReconcilePlan } from "./plan.ts";

/** The `gate` task's output: the final action and, when it holds, why and the alert raised. */
export interface GateOutcome {
  action: BaseAction | "hold";
  reasons: string[];
  /** Release notes read (the releases passed over by an upgrade). */
  notes: ReleaseNote[];
  alertId?: string | undefined;
}

/**
 * WC1.2: for an upgrade, read the notes of every release passed over and hold on a major change,
 * a downgrade or a flagged manual migration, raising an alert with the notes (not in a dry run).
 */
export async function runGate(ctx: TaskContext<ReconcileParams>, plan: ReconcilePlan, env: CommandEnv): Promise<GateOutcome> {
  if (plan.action !== "upgrade" || !plan.current) return { action: plan.action, reasons: [], notes: [] };
  const { current, target } = plan;
  const span = releasesBetween(plan.releases, current, target);
  const notes: ReleaseNote[] = [];
  for (const r of span.length ? span : [target]) notes.push(await readReleaseNote(plan.infra.app.recipeDir, r.tag, { signal: ctx.signal }));
  const decision = gateDecision({ current, target, notes, approved: ctx.params.approve });
  if (decision.verdict === "proceed") {
    if (ctx.params.approve === target.tag && decision.flagged.length + (current.semver[0] !== target.semver[0] ? 1 : 0) > 0) ctx.log(`gate: ${target.tag} approved by the operator`, "warn");
    return { action: "upgrade", reasons: [], notes };
  }
  ctx.log(`gate holds ${current.tag} → ${target.tag}: ${decision.reasons.join("; ")}`, "warn");
  if (ctx.params["dry-run"]) return { action: "hold", reasons: decision.reasons, notes };
  const text = notes.map((n) => `## ${n.version}${n.manualMigration ? " (manual migration)" : ""}\n\n${n.text?.trim() ?? "(no release note)"}`).join("\n\n");
  const alert = await raiseAlert(env.config.stateDir, {
    what: `${plan.infra.app.recipe} upgrade ${current.tag} → ${target.tag} held by the gate`,
    why: `${decision.reasons.join("; ")}. Nothing was deployed. After reading the notes (and migrating by hand), run: cc-warm reconcile app=${plan.infra.app.recipe} version=${target.tag} approve=${target.tag}`,
    notes: text,
    app: plan.infra.app.recipe,
  }, { notifyCommand: env.config.alerts.notifyCommand, signal: ctx.signal });
  return { action: "hold", reasons: decision.reasons, notes, alertId: alert.id };
}
