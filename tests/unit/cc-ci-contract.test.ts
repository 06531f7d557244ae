// cc-ci's side of the contract that needs no swarm: the realm credentials file handed to assert
// programs, and the refusal of a state dir that holds the Python lane's warm state.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../lib/cli/command.ts";
import { runCli } from "../../lib/cli/main.ts";
import { runCommandGraph } from "../../lib/cli/run-command.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { findPythonLaneState } from "../../lib/config/state-dir.ts";
import { runCommand } from "../../lib/exec/command.ts";
import { withRealmFile } from "../../lib/keycloak/realm-file.ts";
import { defineGraph } from "../../lib/runner/graph.ts";
import { defineTask } from "../../lib/runner/task.ts";

const credentials = { realm: "ccw-demo-1", clientId: "demo", clientSecret: "s3cret-client", issuer: "http://kc/realms/ccw-demo-1", username: "ci-user", password: "s3cret-user" };

describe("withRealmFile", () => {
  it("hands over a 0600 JSON file in a 0700 directory and deletes both after", async () => {
    let seen = "";
    const out = await withRealmFile(credentials, async (path) => {
      seen = path;
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(credentials);
      return 42;
    });
    expect(out).toBe(42);
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it("deletes the file when the program fails or is cancelled", async () => {
    let seen = "";
    const controller = new AbortController();
    const pending = withRealmFile(credentials, async (path) => {
      seen = path;
      setTimeout(() => controller.abort(new DOMException("cancelled by SIGTERM", "AbortError")), 50);
      const res = await runCommand("sleep", ["30"], { signal: controller.signal });
      if (res.isCanceled) throw controller.signal.reason;
      return res;
    });
    await expect(pending).rejects.toThrow(/SIGTERM/);
    expect(seen).not.toBe("");
    expect(existsSync(seen)).toBe(false);
  });
});

describe("a state dir holding the Python lane's layout", () => {
  const pythonLane = (mark: string) => {
    const dir = mkdtempSync(join(tmpdir(), "ccw-pylane-"));
    const path = join(dir, "gitea", mark);
    mkdirSync(dirname(path), { recursive: true });
    if (mark.endsWith("/")) mkdirSync(path);
    else writeFileSync(path, "{}");
    return dir;
  };

  it.each(["canonical.json", "last_good", "snapshot/meta.json", "snapshot/volumes/"])("is recognised by %s", (mark) => {
    expect(findPythonLaneState(pythonLane(mark))).toMatch(/\/gitea\//);
  });

  it("cc-warm's own layout and a missing dir are not", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccw-own-"));
    mkdirSync(join(dir, "demo", "known-good"), { recursive: true });
    mkdirSync(join(dir, "locks"));
    writeFileSync(join(dir, "registry.json"), "{}");
    expect(findPythonLaneState(dir)).toBeUndefined();
    expect(findPythonLaneState(join(dir, "absent"))).toBeUndefined();
  });

  const touched: string[] = [];
  const command = defineCommand({
    name: "quick", summary: "x", params: z.strictObject({}),
    precheck: () => void touched.push("precheck"),
    build: () => defineGraph({ id: "quick", tasks: [defineTask({ id: "t", run: () => void touched.push("run") })] }),
  });

  it("is refused by the CLI and the library with exit 3 and what to do, before any side effect", async () => {
    const stateDir = pythonLane("canonical.json");
    const config = join(stateDir, "..", `${stateDir.split("/").at(-1)}.json`);
    writeFileSync(config, JSON.stringify({ stateDir }));
    let stderr = "";
    const code = await runCli(["quick", "--config", config], [command], { stdout: () => {}, stderr: (t) => void (stderr += t), env: {}, isTTY: false });
    expect(code).toBe(3);
    expect(stderr).toContain(`state dir ${stateDir} holds the Python CI lane's warm state (${stateDir}/gitea/canonical.json)`);
    expect(stderr).toMatch(/config "stateDir" or CC_WARM_STATE_DIR, e\.g\. \/var\/lib\/cc-warm/);
    const lib = await runCommandGraph(command, {}, { config: loadConfig({ path: config, env: {} }) });
    expect(lib).toMatchObject({ type: "result", exitCode: 3, verdict: "error", error: { message: expect.stringMatching(/Python CI lane/) } });
    expect(touched).toEqual([]);
  });
});
