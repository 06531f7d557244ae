// Alerts on a real temp state dir, with real notify commands (node one-liners).
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InfraError, InputError } from "../../lib/errors.ts";
import { acknowledgeAlert, listAlerts, raiseAlert } from "../../lib/alerts/mod.ts";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "ccw-test-alerts-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("raiseAlert", () => {
  it("stores the record and passes it as JSON on stdin to the notify command", async () => {
    const out = join(stateDir, "notified.json");
    const script = `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>require("fs").writeFileSync(${JSON.stringify(out)},s))`;
    const alert = await raiseAlert(
      stateDir,
      { what: "keycloak upgrade rolled back", why: "health check failed", notes: "release notes: migrate DB", app: "keycloak" },
      { notifyCommand: [process.execPath, "-e", script], now: new Date("2025-03-04T05:06:07.089Z") },
    );
    expect(alert.id).toMatch(/^20250304T050607\.089Z-[0-9a-f]{12}$/);
    expect(alert.notify).toMatchObject({ ok: true, exitCode: 0 });
    const sent = JSON.parse(await readFile(out, "utf8"));
    expect(sent).toMatchObject({ id: alert.id, what: "keycloak upgrade rolled back", why: "health check failed", notes: "release notes: migrate DB", app: "keycloak", acknowledged: false, time: "2025-03-04T05:06:07.089Z" });
    const stored = JSON.parse(await readFile(join(stateDir, "alerts", `${alert.id}.json`), "utf8"));
    expect(stored).toEqual(alert);
    // No temp files are left behind.
    expect(await readdir(join(stateDir, "alerts"))).toEqual([`${alert.id}.json`]);
  });

  it("records a failing or missing notify command without throwing", async () => {
    const failing = await raiseAlert(stateDir, { what: "disk at 92%", why: "prune could not free enough" }, { notifyCommand: [process.execPath, "-e", "console.error('matrix down');process.exit(3)"] });
    expect(failing.notify).toMatchObject({ ok: false, exitCode: 3 });
    expect(failing.notify?.error).toContain("exited with 3: matrix down");
    const missing = await raiseAlert(stateDir, { what: "x", why: "y" }, { notifyCommand: ["/nonexistent/ccw-notify"] });
    expect(missing.notify?.ok).toBe(false);
    expect(missing.notify?.error).toBeTruthy();
    const all = await listAlerts(stateDir);
    expect(all.map((a) => a.id)).toEqual([failing.id, missing.id].sort());
    expect(all.every((a) => a.notify?.ok === false)).toBe(true);
  });

  it("rejects a bad alert before writing anything", async () => {
    const err = await raiseAlert(stateDir, { what: "", why: "y" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^alert: what: must not be empty/);
    expect(await readdir(stateDir)).toEqual([]);
  });
});

describe("listAlerts / acknowledgeAlert", () => {
  it("filters acknowledged alerts and keeps the first acknowledgement", async () => {
    const a = await raiseAlert(stateDir, { what: "a", why: "1" }, { now: new Date("2025-01-01T00:00:00Z") });
    const b = await raiseAlert(stateDir, { what: "b", why: "2" }, { now: new Date("2025-01-02T00:00:00Z") });
    const acked = await acknowledgeAlert(stateDir, a.id, { by: "alice", now: new Date("2025-01-03T00:00:00Z") });
    expect(acked).toMatchObject({ acknowledged: true, acknowledgedBy: "alice", acknowledgedAt: "2025-01-03T00:00:00.000Z" });
    const again = await acknowledgeAlert(stateDir, a.id, { by: "bob" });
    expect(again.acknowledgedBy).toBe("alice");
    expect((await listAlerts(stateDir, { unacknowledgedOnly: true })).map((x) => x.what)).toEqual(["b"]);
    expect((await listAlerts(stateDir)).map((x) => [x.what, x.acknowledged])).toEqual([["a", true], ["b", false]]);
    expect(b.acknowledged).toBe(false);
  });

  it("rejects malformed and unknown ids with an InputError naming id", async () => {
    for (const id of ["../registry", "/etc/passwd", "20250101T000000.000Z-0a1b2c3d4e5f\n"]) {
      const err = await acknowledgeAlert(stateDir, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).key).toBe("id");
    }
    const err = await acknowledgeAlert(stateDir, "20250101T000000.000Z-0a1b2c3d4e5f").catch((e: unknown) => e);
    expect((err as Error).message).toBe("id: no alert 20250101T000000.000Z-0a1b2c3d4e5f");
  });

  it("shows a damaged record as an unacknowledged alert of its own, and refuses to acknowledge it", async () => {
    const good = await raiseAlert(stateDir, { what: "good", why: "1" }, { now: new Date("2025-01-01T00:00:00Z") });
    const id = "20250102T030405.006Z-0a1b2c3d4e5f";
    await writeFile(join(stateDir, "alerts", `${id}.json`), JSON.stringify({ id, what: "half", acknowledged: "yes" }));
    const all = await listAlerts(stateDir, { unacknowledgedOnly: true });
    expect(all.map((a) => a.what)).toEqual(["good", "unreadable alert record"]);
    expect(all[1]).toMatchObject({ id, time: "2025-01-02T03:04:05.006Z", acknowledged: false, why: expect.stringContaining(`${id}.json is not an alert record`) });
    const err = await acknowledgeAlert(stateDir, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/move it aside/);
    expect(good.acknowledged).toBe(false);
  });
});
