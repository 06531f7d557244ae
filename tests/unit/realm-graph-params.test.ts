import { describe, expect, it } from "vitest";
import { parseParams } from "../../lib/cli/params.ts";
import { configSchema } from "../../lib/config/schema.ts";
import type { RealmCredentials } from "../../lib/keycloak/create.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { runGraph } from "../../lib/runner/run.ts";
import { defineTask } from "../../lib/runner/task.ts";
import type { RunEvent } from "../../lib/runner/types.ts";
import { concludeRealmCreate, runDomain } from "../../tasks/realm/create.ts";
import { realmCreateParamsSchema, realmDeleteParamsSchema, realmsReapParamsSchema } from "../../tasks/realm/params.ts";

const config = configSchema.parse({ ciDomain: "ci.example.org" });
const env = { config, env: {} };

describe("realm graph parameters", () => {
  it("accept a per-run domain or label, and refuse bad names naming the key", () => {
    expect(parseParams(realmCreateParamsSchema, { parent: "lasuite-docs", run: "docs-pr12-4f1e.ci.example.org" })).toEqual({ parent: "lasuite-docs", run: "docs-pr12-4f1e.ci.example.org" });
    expect(() => parseParams(realmCreateParamsSchema, { parent: "Docs", run: "x" })).toThrow(/^parent:/);
    expect(() => parseParams(realmCreateParamsSchema, { parent: "docs", run: "a b" })).toThrow(/^run:/);
    expect(() => parseParams(realmCreateParamsSchema, { parent: "docs", run: "x", extra: "1" })).toThrow(/^extra: unknown parameter/);
    expect(() => parseParams(realmDeleteParamsSchema, { realm: "Master!" })).toThrow(/^realm:/);
    expect(parseParams(realmsReapParamsSchema, { "dry-run": "true", "grace-minutes": "30" })).toEqual({ "dry-run": true, "grace-minutes": 30 });
    expect(parseParams(realmsReapParamsSchema, {})).toEqual({ "dry-run": false });
    expect(() => parseParams(realmsReapParamsSchema, { "grace-minutes": "-1" })).toThrow(/^grace-minutes:/);
  });

  it("a run label becomes <label>.<ciDomain>; a domain stays as it is", () => {
    expect(runDomain("docs-pr12-4f1e", config)).toBe("docs-pr12-4f1e.ci.example.org");
    expect(runDomain("docs-pr12-4f1e.other.org", config)).toBe("docs-pr12-4f1e.other.org");
  });
});

describe("realm-create's result", () => {
  it("events mask the secrets; the concluded result carries them whole", async () => {
    const creds: RealmCredentials = { realm: "docs-1a2b3c", clientId: "docs", clientSecret: "client-secret-value-123", username: "ci-user", password: "user-password-value-456", issuer: "https://kc/realms/docs-1a2b3c" };
    const task = defineTask({
      id: "create-realm",
      run: (ctx) => {
        ctx.secret(creds.clientSecret);
        ctx.secret(creds.password);
        ctx.log(`made ${creds.realm} with ${creds.clientSecret} and ${creds.password}`);
        return creds;
      },
    });
    const events: RunEvent[] = [];
    const run = await runGraph(defineGraph({ id: "realm-create", tasks: [task] }), { parent: "docs", run: "x" }, { onEvent: (e) => events.push(e) });
    const text = JSON.stringify(events);
    expect(text).toContain("made docs-1a2b3c with *** and ***");
    expect(text).not.toContain(creds.clientSecret);
    expect(text).not.toContain(creds.password);
    const c = concludeRealmCreate(run, { parent: "docs", run: "x" }, env);
    expect(c.exitCode).toBe(0);
    expect(c.result).toMatchObject({ mode: "warm", verdict: "passed", ...creds });
    expect(c.summary).not.toContain(creds.clientSecret);
    expect(c.summary).not.toContain(creds.password);
  });

  it("a failed creation is an error result without credentials (exit 3)", async () => {
    const task = defineTask({ id: "create-realm", run: () => Promise.reject(new Error("Keycloak POST /admin/realms: 500")) });
    const run = await runGraph(defineGraph({ id: "realm-create", tasks: [task] }), {});
    const c = concludeRealmCreate(run, { parent: "docs", run: "x" }, env);
    expect(c.exitCode).toBe(3);
    expect(c.result).toEqual({ mode: "warm", verdict: "error", parent: "docs", run: "x" });
  });
});
