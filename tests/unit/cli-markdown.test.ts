// `--format=markdown`: golden strings for each graph's summary, escaping, and how the flag
// combines with the rest of the command line.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCliArgs } from "../../lib/cli/args.ts";
import { defineCommand } from "../../lib/cli/command.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import { runCli } from "../../lib/cli/main.ts";
import { renderMarkdown } from "../../lib/cli/render/markdown.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";

const KG = "0123456789abcdef0123456789abcdef01234567";
const PR = "fedcba9876543210fedcba9876543210fedcba98";
const quickBase = {
  type: "result", graph: "quick", runId: "a1b2c3d4e5f6", mode: "quick", recipe: "lasuite-docs", ref: "refs/pull/12/head",
  canonical: KG, upgradedCommit: PR, durationMs: 42_100, timings: { lock: 10, reattach: 5_000, upgrade: 30_000, assert: 3_100, unlock: 5 },
};

describe("renderMarkdown", () => {
  it("quick PASS: the caveat, the upgrade path, no rollback needed, the slowest tasks", () => {
    expect(renderMarkdown({ ...quickBase, exitCode: 0, verdict: "passed", rolledBack: false })).toBe(`### cc-warm quick: PASS — lasuite-docs

> quick: lower confidence, never gates merge

| | |
|---|---|
| Mode | quick |
| Verdict | PASS |
| Upgrade path | known-good \`0123456789ab\` → \`refs/pull/12/head\` (\`fedcba987654\`) |
| Rollback | not needed (known-good unchanged) |
| Duration | 42.1s (upgrade 30.0s, reattach 5.0s, assert 3.1s) |

<sub>run a1b2c3d4 · exit 0</sub>
`);
  });

  it("quick FAIL with upgrade steps: rolled back, the reason escaped onto one line", () => {
    const out = renderMarkdown({
      ...quickBase, exitCode: 1, verdict: "failed", rolledBack: true, reason: "custom assert exited 1: | grep *x*\nnot found",
      upgradeSteps: { addedEnv: ["SMTP_HOST", "SMTP_PORT"], generatedSecrets: ["db_password"] },
    });
    expect(out).toBe(`### cc-warm quick: FAIL — lasuite-docs

> quick: lower confidence, never gates merge

| | |
|---|---|
| Mode | quick |
| Verdict | FAIL |
| Upgrade path | known-good \`0123456789ab\` → \`refs/pull/12/head\` (\`fedcba987654\`) |
| Rollback | data restored to known-good |
| Upgrade steps | added env \`SMTP_HOST\`, \`SMTP_PORT\`; generated secrets \`db_password\` |
| Reason | custom assert exited 1: \\| grep \\*x\\* not found |
| Duration | 42.1s (upgrade 30.0s, reattach 5.0s, assert 3.1s) |

<sub>run a1b2c3d4 · exit 1</sub>
`);
  });

  it("a failed rollback says a human must look", () => {
    expect(renderMarkdown({ ...quickBase, exitCode: 3, verdict: "error", rolledBack: false, rollbackFailed: true })).toContain(
      "| Rollback | **ROLLBACK FAILED**: the canonical's data may not be at known-good; a human must look |",
    );
  });

  it("quick fallback (precheck, no run): labelled cold, says why, keeps the caveat", () => {
    expect(renderMarkdown({ graph: "quick", exitCode: 4, mode: "cold", verdict: "fallback", fallback: true, recipe: "demo", ref: "v2", reason: "demo has no canonical yet" }))
      .toBe(`### cc-warm quick: FALLBACK TO COLD — demo

> quick: lower confidence, never gates merge

| | |
|---|---|
| Mode | cold |
| Verdict | FALLBACK TO COLD |
| Why | demo has no canonical yet |

<sub>exit 4</sub>
`);
  });

  it("cold upgrade from a release: no caveat, nothing to roll back", () => {
    expect(renderMarkdown({ graph: "cold", runId: "ffff0000aaaa", exitCode: 0, mode: "cold", verdict: "passed", recipe: "demo", ref: "v2", from: "v1", commit: PR, rolledBack: false, durationMs: 900, timings: {} }))
      .toBe(`### cc-warm cold: PASS — demo

| | |
|---|---|
| Mode | cold |
| Verdict | PASS |
| Upgrade path | \`v1\` → \`v2\` (\`fedcba987654\`) |
| Rollback | not applicable (cold: everything torn down) |
| Duration | 900ms |

<sub>run ffff0000 · exit 0</sub>
`);
  });

  it("promote: seeded, promoted, failed with restore, not eligible", () => {
    const base = { graph: "promote", exitCode: 0, mode: "cold", verdict: "green", recipe: "demo", ref: "latest", strategy: "rewarm", target: { ref: "v2", tag: "v2", commit: PR } };
    expect(renderMarkdown({ ...base, promotion: "promoted", seeded: true, previous: null, canonical: PR, durationMs: 61_000, timings: { bring: 50_000 } })).toBe(`### cc-warm promote: SEEDED — demo

| | |
|---|---|
| Promotion | SEEDED |
| Cold run | cold, green |
| Target | \`v2\` (\`fedcba987654\`) |
| Strategy | rewarm |
| Known-good | (none) → \`fedcba987654\` |
| Duration | 1m01s (bring 50.0s) |

<sub>exit 0</sub>
`);
    expect(renderMarkdown({ ...base, promotion: "promoted", seeded: false, previous: { commit: KG }, canonical: PR })).toContain("| Known-good | `0123456789ab` → `fedcba987654` |");
    const failed = renderMarkdown({ ...base, exitCode: 3, promotion: "failed", reason: "bring: not converged", restoredPrevious: true, restoreFailed: false, previous: { commit: KG } });
    expect(failed).toContain("### cc-warm promote: PROMOTION FAILED — demo");
    expect(failed).toContain("| Reason | bring: not converged |\n| Known-good | previous known-good restored |");
    const refused = renderMarkdown({ graph: "promote", exitCode: 0, mode: "quick", verdict: "green", recipe: "demo", ref: "latest", promotion: "not-eligible", reason: "quick runs never promote" });
    expect(refused).toContain("### cc-warm promote: NOT ELIGIBLE — demo");
    expect(refused).toContain("| Target | `latest` |\n| Reason | quick runs never promote |\n| Known-good | unchanged |");
  });

  it("sweep: counts, warm infrastructure, one row per recipe", () => {
    const row = { commit: PR, coldExitCode: 0, canonical: null };
    const results = {
      status: "completed", maxTests: 2, reconcile: [{ app: "keycloak", state: "unchanged" }],
      counts: { run: 2, green: 1, red: 1, error: 0, promoted: 1, promotionFailed: 0, notRun: 1 },
      recipes: [
        { ...row, recipe: "demo", ref: "v2", verdict: "green", durationMs: 95_000, promotion: "promoted", reason: null },
        { ...row, recipe: "gitea", ref: "3.6.0", verdict: "red", durationMs: 12_300, promotion: "not-eligible", reason: "the cold run was red" },
        { ...row, recipe: "wiki", ref: null, commit: null, verdict: "not-run", durationMs: 0, promotion: "not-run", reason: "over MAX_TESTS" },
      ],
    };
    expect(renderMarkdown({ graph: "sweep", runId: "5eed5eed0000", exitCode: 1, verdict: "failed", sweep: "completed", results, durationMs: 110_000 })).toBe(`### cc-warm sweep: FAIL

| | |
|---|---|
| Tested | 2 (1 green, 1 red, 0 error) |
| Promoted | 1 |
| Not run | 1 (over MAX_TESTS=2) |
| Warm infrastructure | keycloak unchanged |
| Duration | 1m50s |

| Recipe | Tested | Verdict | Duration | Promotion |
|---|---|---|---|---|
| demo | \`v2\` (\`fedcba987654\`) | green | 1m35s | promoted |
| gitea | \`3.6.0\` (\`fedcba987654\`) | red | 12.3s | not eligible (the cold run was red) |
| wiki | - | not-run | - | not run (over MAX\\_TESTS) |

<sub>run 5eed5eed · exit 1</sub>
`);
    expect(renderMarkdown({ graph: "sweep", exitCode: 3, verdict: "refused", sweep: "refused", reason: "another sweep holds the host lock" }))
      .toBe("### cc-warm sweep: REFUSED\n\n| | |\n|---|---|\n| Reason | another sweep holds the host lock |\n\n<sub>exit 3</sub>\n");
  });
});

describe("--format=markdown on the command line", () => {
  it("parses, rejects unknown formats and --json with it, naming the flag", () => {
    expect(parseCliArgs(["quick", "recipe=demo", "--format=markdown"]).format).toBe("markdown");
    expect(parseCliArgs(["quick", "recipe=demo"]).format).toBeUndefined();
    expect(() => parseCliArgs(["quick", "--format=html"])).toThrow(/--format: unknown format "html" \(known: markdown/);
    expect(() => parseCliArgs(["quick", "--format", "markdown", "--json"])).toThrow(/--format: --format=markdown and --json both claim stdout/);
  });

  const quickLike = defineCommand({
    name: "quick", summary: "a stand-in run", params: z.strictObject({ recipe: z.string() }),
    build: () => defineGraph<{ recipe: string }>({ id: "quick", tasks: [defineTask({ id: "upgrade", run: () => "done" })] }),
    conclude: (_run, p) => ({ exitCode: ExitCode.Passed, result: { mode: "quick", verdict: "passed", recipe: p.recipe, ref: "v2", canonical: KG }, summary: "ok" }),
  });
  const other = defineCommand({ name: "status", summary: "x", params: z.strictObject({}), build: () => defineGraph({ id: "status", tasks: [defineTask({ id: "t", run: () => 1 })] }) });
  const cli = async (argv: string[]) => {
    const out = { stdout: "", stderr: "" };
    const code = await runCli(argv, [quickLike, other], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), env: {}, isTTY: false });
    return { code, ...out };
  };

  it("prints the summary on stdout after the run, human progress stays on stderr", async () => {
    const res = await cli(["quick", "recipe=demo", "--format=markdown"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^### cc-warm quick: PASS — demo\n\n> quick: lower confidence, never gates merge\n/);
    expect(res.stdout).toContain("| Upgrade path | known-good `0123456789ab` → `v2` |");
    expect(res.stderr).toContain("✔ upgrade");
  });

  it("the help of a graph with a summary shows the flag", async () => {
    expect((await cli(["quick", "--help"])).stdout).toContain("Usage: cc-warm quick recipe=… [--json | --format=markdown] [--plan]");
    expect((await cli(["status", "--help"])).stdout).toContain("Usage: cc-warm status [--json] [--plan]");
  });

  it("exit 2 for --json with it, and for graphs without a summary", async () => {
    const both = await cli(["quick", "recipe=demo", "--format=markdown", "--json"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--format=markdown and --json/);
    const status = await cli(["status", "--format=markdown"]);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/--format: markdown summaries are for quick, cold, promote, sweep, not status/);
  });
});
