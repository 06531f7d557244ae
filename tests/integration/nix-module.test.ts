// The NixOS module, evaluated for real by nix-instantiate with a stand-in lib
// (nix/tests/stub-lib.nix, nix/tests/eval.nix): its units, timers and config file are checked,
// each OnCalendar against systemd-analyze, and the config JSON against cc-warm's own loadConfig.
// nix/cron.nix is checked against lib/schedule on the shared table. Needs nix-instantiate:
// tests/integration/nix-setup.sh installs Debian's nix-bin when missing.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../lib/config/mod.ts";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { cronToOnCalendar } from "../../lib/schedule/mod.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const cases: { valid: { cron: string }[]; invalid: { cron: string }[] } = JSON.parse(readFileSync(join(repo, "nix/tests/calendar-cases.json"), "utf8"));
const exampleJSON = (): Record<string, any> => structuredClone(example);
let nixEnv: Record<string, string> = {};
let example: Record<string, any> = {};

/** A Nix expression for a JSON value (through builtins.fromJSON: no hand-made Nix syntax). */
const nixValue = (v: unknown): string => `(builtins.fromJSON ${JSON.stringify(JSON.stringify(v)).replaceAll("${", "\\${")})`;

async function nixEval(expr: string): Promise<{ ok: true; value: any } | { ok: false; error: string }> {
  const res = await runCommand("nix-instantiate", ["--readonly-mode", "--eval", "--strict", "--json", "-E", expr], { cwd: repo, env: nixEnv, timeoutMs: 60_000 });
  return res.failed ? { ok: false, error: res.stderr } : { ok: true, value: JSON.parse(res.stdout) };
}
async function evalModule(configuration: unknown): Promise<any> {
  const res = await nixEval(`import ./nix/tests/eval.nix { configuration = ${nixValue(configuration)}; }`);
  if (!res.ok) throw new Error(res.error);
  return res.value;
}
async function normalizedCalendar(spec: string): Promise<string> {
  const res = await runCommandOrThrow("systemd-analyze", ["calendar", spec], { env: { TZ: "UTC" }, timeoutMs: 20_000 });
  return /Normalized form: (.*)$/m.exec(res.stdout)![1]!;
}

beforeAll(async () => {
  const setup = await runCommandOrThrow("bash", [join(repo, "tests/integration/nix-setup.sh")], { timeoutMs: 900_000 });
  nixEnv = Object.fromEntries(setup.stdout.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  expect(Object.keys(nixEnv)).toContain("NIX_STATE_DIR");
  // The example configuration (also shown in docs/nixos.md), as JSON for variations.
  const res = await nixEval("import ./nix/tests/example.nix");
  if (!res.ok) throw new Error(res.error);
  example = res.value;
}, 900_000);

test.each(["nix/module.nix", "nix/options.nix", "nix/cron.nix", "nix/tests/stub-lib.nix", "nix/tests/eval.nix", "nix/tests/example.nix"])(
  "nix-instantiate --parse %s",
  async (file) => {
    await runCommandOrThrow("nix-instantiate", ["--parse", file], { cwd: repo, env: nixEnv, timeoutMs: 60_000 });
  },
);

describe("the example configuration", () => {
  let out: any;
  beforeAll(async () => {
    out = await evalModule(exampleJSON());
  });

  test("passes the module's assertions and installs the package", () => {
    expect(out.failedAssertions).toEqual([]);
    expect(out.systemPackages).toEqual(["/nix/store/00000000000000000000000000000000-cc-warm-0.1.0"]);
  });

  test("each unit runs its cc-warm command with --json and the generated config", () => {
    const bin = "/nix/store/00000000000000000000000000000000-cc-warm-0.1.0/bin/cc-warm";
    const tail = "--json --config /etc/cc-warm/config.json";
    expect(Object.fromEntries(Object.entries(out.services).map(([name, s]: [string, any]) => [name, s.serviceConfig.ExecStart]))).toEqual({
      "cc-warm-reconcile-keycloak": `${bin} reconcile app=keycloak ${tail}`,
      "cc-warm-sweep": `${bin} sweep ${tail}`,
      "cc-warm-realms-reap": `${bin} realms-reap ${tail}`,
      "cc-warm-prune": `${bin} prune dry-run=false ${tail}`,
    });
  });

  test("units are oneshots after and requiring docker, with the secrets file and the state directory", () => {
    for (const s of Object.values<any>(out.services)) {
      expect(s.serviceConfig.Type).toBe("oneshot");
      expect(s.after).toContain("docker.service");
      expect(s.requires).toContain("docker.service");
      expect(s.serviceConfig.EnvironmentFile).toEqual(["/run/secrets/cc-warm.env"]);
      expect(s.serviceConfig.StateDirectory).toBe("ci-warm");
    }
    expect(out.services["cc-warm-reconcile-keycloak"].wantedBy).toEqual(["multi-user.target"]);
    expect(out.tmpfiles).toEqual([]);
  });

  test("timers: the sweep from settings.sweep.schedule, persistent; the others from their options", () => {
    const calendars = Object.fromEntries(Object.entries(out.timers).map(([n, t]: [string, any]) => [n, [t.timerConfig.OnCalendar, t.timerConfig.Persistent]]));
    expect(calendars).toEqual({
      "cc-warm-sweep": [cronToOnCalendar("30 1 * * MON-FRI"), true],
      "cc-warm-realms-reap": ["*-*-* *:00/30:00", false],
      "cc-warm-prune": ["*-*-* *:45:00", false],
      "cc-warm-reconcile-keycloak": ["*-*-* 00:30:00", true],
    });
    for (const t of Object.values<any>(out.timers)) expect(t.wantedBy).toEqual(["timers.target"]);
  });

  test("every OnCalendar value is valid and already normalised for systemd", async () => {
    for (const t of Object.values<any>(out.timers)) {
      expect(await normalizedCalendar(t.timerConfig.OnCalendar)).toBe(t.timerConfig.OnCalendar);
    }
  });

  test("the config JSON validates with cc-warm's loadConfig and keeps the settings", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ccw-test-nix-")), "config.json");
    writeFileSync(path, out.configJSON);
    const config = loadConfig({ path, env: {} });
    expect(config.stateDir).toBe("/var/lib/ci-warm");
    expect(config.ciDomain).toBe("ci.example.org");
    expect(config.deployer).toMatchObject({ kind: "abra", server: "ci.example.org" });
    expect(config.sweep).toMatchObject({ schedule: "30 1 * * MON-FRI", maxTests: 4, coldCommand: ["/opt/cc-ci/bin/run-cold", "{recipe}", "{ref}"] });
    expect(Object.keys(config.recipes).sort()).toEqual(["lasuite-docs", "nextcloud"]);
    expect(config.recipes.nextcloud!.strategy).toBe("adopt");
    expect(config.keycloak.adminPassword).toEqual({ from: "env", name: "CC_WARM_KEYCLOAK_ADMIN_PASSWORD" });
    expect(JSON.parse(out.configJSON).sweep.onCalendar).toBe("Mon..Fri *-*-* 01:30:00");
  });
});

describe("variations", () => {
  test("defaults: a minimal configuration sweeps at 02:00 and its config file loads", async () => {
    const out = await evalModule({ services: { "cc-warm": { enable: true } } });
    expect(out.failedAssertions).toEqual([]);
    expect(out.timers["cc-warm-sweep"].timerConfig.OnCalendar).toBe("*-*-* 02:00:00");
    expect(out.timers["cc-warm-reconcile-keycloak"]).toBeUndefined();
    expect(out.services["cc-warm-sweep"].serviceConfig.EnvironmentFile).toEqual([]);
    const path = join(mkdtempSync(join(tmpdir(), "ccw-test-nix-")), "config.json");
    writeFileSync(path, out.configJSON);
    expect(loadConfig({ path, env: {} }).sweep.schedule).toBe("0 2 * * *");
  });

  test("disabled: no units, no config file", async () => {
    const out = await evalModule({ services: { "cc-warm": { enable: false, settings: { ciDomain: "x.org" } } } });
    expect(out.services).toEqual({});
    expect(out.timers).toEqual({});
    expect(out.configJSON).toBeNull();
  });

  test("a state directory outside /var/lib gets a tmpfiles rule instead of StateDirectory=", async () => {
    const out = await evalModule({ services: { "cc-warm": { enable: true, stateDir: "/srv/ci-warm" } } });
    expect(out.tmpfiles).toEqual(["d /srv/ci-warm 0750 root root - -"]);
    expect(out.services["cc-warm-sweep"].serviceConfig.StateDirectory).toBeUndefined();
    expect(JSON.parse(out.configJSON).stateDir).toBe("/srv/ci-warm");
  });

  test("a cron with both day fields restricted fails evaluation unless sweep.onCalendar is given", async () => {
    const settings = { sweep: { schedule: "0 3 1 * MON" } };
    const refused = await nixEval(`import ./nix/tests/eval.nix { configuration = ${nixValue({ services: { "cc-warm": { enable: true, settings } } })}; }`);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain("services.cc-warm.settings.sweep.schedule: \"0 3 1 * MON\" restricts both day-of-month and day-of-week");
    const out = await evalModule({ services: { "cc-warm": { enable: true, settings, sweep: { onCalendar: "Mon *-*-* 03:00:00" } } } });
    expect(out.timers["cc-warm-sweep"].timerConfig.OnCalendar).toBe("Mon *-*-* 03:00:00");
    expect(JSON.parse(out.configJSON).sweep).toMatchObject({ schedule: "0 3 1 * MON", onCalendar: "Mon *-*-* 03:00:00" });
  });

  test.each([
    [{ stateDir: "/var/lib/ci-warm", settings: { stateDir: "/elsewhere" } }, "not settings.stateDir"],
    [{ environmentFile: "secrets.env" }, "environmentFile must be an absolute path"],
    [{ stateDir: "relative/dir" }, "stateDir must be an absolute path"],
  ])("assertion: %j", async (options, message) => {
    const out = await evalModule({ services: { "cc-warm": { enable: true, ...options } } });
    expect(out.failedAssertions.join("\n")).toContain(message);
  });

  test.each([
    [{ enable: true, sweep: { onCalender: "daily" } }, "The option `services.cc-warm.sweep.onCalender' does not exist."],
    [{ enable: "yes" }, "The option `services.cc-warm.enable' is not of type `bool'."],
    [{ enable: true, settings: [] }, "The option `services.cc-warm.settings' is not of type"],
  ])("evaluation error: %j", async (options, message) => {
    const res = await nixEval(`import ./nix/tests/eval.nix { configuration = ${nixValue({ services: { "cc-warm": options } })}; }`);
    expect(!res.ok && res.error).toContain(message);
  });
});

describe("nix/cron.nix agrees with lib/schedule", () => {
  test("same OnCalendar for every valid cron in the table, refusal for every invalid one", async () => {
    const crons = [...cases.valid, ...cases.invalid].map((c) => c.cron);
    const res = await nixEval(
      `let c = import ./nix/cron.nix; in map (x: let r = builtins.tryEval (c.toOnCalendar { } x); in if r.success then r.value else null) ${nixValue(crons)}`,
    );
    if (!res.ok) throw new Error(res.error);
    const fromTs = crons.map((c) => {
      try {
        return cronToOnCalendar(c);
      } catch {
        return null;
      }
    });
    expect(res.value).toEqual(fromTs);
    expect(fromTs.filter((x) => x === null)).toHaveLength(cases.invalid.length);
  });
});
