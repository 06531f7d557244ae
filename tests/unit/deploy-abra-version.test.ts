// The abra preflight: with deployer.kind=abra, every graph stops before any side effect with
// exit 3 naming the binary, the version found and the version needed. "Not found" is tested for
// real (no such binary is spawned); a version mismatch fakes only the process boundary.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.ts";
import { ABRA_VERSION_SERIES, checkAbraBinary, parseAbraVersion, type RunProgram } from "../../lib/deploy/abra-version.ts";
import { InfraError } from "../../lib/errors.ts";
import { catalog } from "../../tasks/catalog.ts";

const work = mkdtempSync(join(tmpdir(), "ccw-abra-version-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const answer = (stdout: string, exitCode = 0): RunProgram => async (file, args) => ({
  command: [file, ...args].join(" "), exitCode, stdout, stderr: "", failed: exitCode !== 0, timedOut: false, isCanceled: false, durationMs: 1,
});

describe("abra version pin", () => {
  it("equals ABRA_VERSION_SERIES in scripts/infra/versions.env (one pin)", () => {
    const line = readFileSync("scripts/infra/versions.env", "utf8").split("\n").find((l) => l.startsWith("ABRA_VERSION_SERIES="));
    expect(line).toBe(`ABRA_VERSION_SERIES=${ABRA_VERSION_SERIES}`);
  });

  it("reads the version from cobra's --version line", () => {
    expect(parseAbraVersion("abra version 0.13.0-beta-1a2b3c4")).toBe("0.13.0");
    expect(parseAbraVersion("abra version v0.13.2")).toBe("0.13.2");
    expect(parseAbraVersion("command not understood")).toBeUndefined();
  });

  it("accepts the supported series and refuses another, naming both versions", async () => {
    await expect(checkAbraBinary("/opt/abra", { run: answer(`abra version ${ABRA_VERSION_SERIES}.4-beta-abc1234\n`) })).resolves.toBe(`${ABRA_VERSION_SERIES}.4`);
    const err = await checkAbraBinary("/opt/abra", { run: answer("abra version 0.12.1-beta-abc1234\n") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/"\/opt\/abra".*version found: 0\.12\.1; needed: abra 0\.13\.x/);
    const noVersion = await checkAbraBinary("/opt/abra", { run: answer("oops", 1) }).catch((e: unknown) => e);
    expect((noVersion as Error).message).toMatch(/version found: none; needed: abra 0\.13\.x/);
  });
});

describe("every graph with deployer.kind=abra and no abra binary", () => {
  const stateDir = join(work, "state");
  const config = join(work, "config.json");
  writeFileSync(config, JSON.stringify({
    stateDir,
    ciDomain: "abra-version.ccw.local",
    deployer: { kind: "abra", abraBin: "ccw-test-no-such-abra" },
    recipes: { demo: { source: join(work, "recipes", "demo") } },
    infra: { keycloak: {} },
  }));

  for (const entry of catalog) {
    it(`${entry.name} stops with exit 3 before any side effect`, async () => {
      const command = await entry.load();
      const example = command.examples?.[0] ?? `cc-warm ${entry.name}`;
      const argv = example.replace(/#.*$/, "").trim().split(/\s+/).slice(1).filter((a) => a !== "--json" && !a.startsWith("--config") && !a.startsWith("/"));
      let out = "";
      let err = "";
      const code = await runCli([...argv, "--json", "--config", config], catalog, {
        stdout: (t) => (out += t), stderr: (t) => (err += t), env: {}, isTTY: false,
      });
      expect({ graph: entry.name, code }).toEqual({ graph: entry.name, code: 3 });
      expect(err).toMatch(/"ccw-test-no-such-abra" was not found \(version found: none; needed: abra 0\.13\.x\)/);
      expect(JSON.parse(out.trim().split("\n").at(-1)!)).toMatchObject({ exitCode: 3, error: { name: "InfraError" } });
      expect(readdirSync(work)).toEqual(["config.json"]);
    });
  }
});
