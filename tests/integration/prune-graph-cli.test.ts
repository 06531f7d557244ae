// `cc-warm prune` as a real process on the real swarm: the graph's shape (lock → protect → usage
// → plan → prune → usage-after), dry run lists and changes nothing, a real run removes exactly
// the leftovers and keeps warm data, protected stacks (enrolled canonical, warm-*) are never
// candidates, and a held prune lock makes a real run wait and give up without touching anything.
// Docker objects carry this file's random prefix and every run is scoped to it.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { acquireLock, listLocks } from "../../lib/lock/mod.ts";
import { delay } from "../../lib/runner/wait.ts";
import { ensureBuilt, jsonLines, startCli } from "../helpers/cli.ts";

const HEX = randomBytes(3).toString("hex");
const P = `ccw-test-prunegraph-${HEX}`;
const R = `ccwt${HEX}`; // the enrolled recipe: canonical warm-<R>.<HEX>.test → stack warm-<R>_<HEX>_test
const CANON = `warm-${R}_${HEX}_test`;
const NS = "com.docker.stack.namespace";
let work: string;
let stateDir: string;
let config: string;

const docker = (...args: string[]) => runCommandOrThrow("docker", args, { timeoutMs: 120_000 });
const cli = (args: string[]) => startCli("node", ["prune", ...args, "--config", config, "--json"]);
type Item = { kind: string; name: string; action: string; bytes: number; reason: string };
const result = (stdout: string) => jsonLines(stdout).at(-1) as { exitCode: number; items: Item[]; kept: Item[]; protected: { stack: string; why: string }[]; tasks: Record<string, string>; totals: { removeCount: number; removeBytes: number }; dryRun: boolean; usageBefore: unknown[]; usageAfter: unknown[] | null };
const actions = (items: Item[]) => Object.fromEntries(items.map((i) => [`${i.kind}:${i.kind === "snapshot-tmp" ? i.name.slice(stateDir.length + 1) : i.name}`, i.action]));

/** The state dir tree with contents, and every docker object of ours. */
async function observe(): Promise<string> {
  const files = (await readdir(stateDir, { recursive: true })).map(String).filter((f) => !f.startsWith("locks")).sort();
  const tree = await Promise.all(files.map(async (f) => {
    const s = await stat(join(stateDir, f));
    return `${f} ${s.isDirectory() ? "dir" : (await readFile(join(stateDir, f))).toString("base64")}`;
  }));
  const mine = (out: string) => out.split("\n").filter((l) => l.includes(HEX)).sort().join(",");
  return JSON.stringify({ tree, stacks: mine((await docker("stack", "ls", "--format", "{{.Name}}")).stdout), vols: mine((await docker("volume", "ls", "-q")).stdout) });
}

beforeAll(async () => {
  await ensureBuilt();
  work = await mkdtemp(join(tmpdir(), `${P}-`));
  stateDir = join(work, "state");
  config = join(work, "config.json");
  await writeFile(config, JSON.stringify({
    stateDir, ciDomain: `${HEX}.test`, recipes: { [R]: { source: "/nonexistent" } },
    // Grace 0: every leftover is old enough; a huge image budget and the scope keep images out.
    disk: { coldGraceHours: 0, imageBudgetGiB: 100_000, warnAtPercent: 100, pruneAtPercent: 100, pruneDownToPercent: 99 },
  }));
  const compose = join(work, "compose.yml");
  await writeFile(compose, [
    'version: "3.8"', "services:", "  app:", "    image: local/ccw-busybox:1",
    `    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`,
    '    volumes: ["data:/data"]', "volumes:", "  data: {}", "",
  ].join("\n"));
  await docker("stack", "deploy", "-c", compose, `${P}-cold`);
  for (let i = 0; (await runCommand("docker", ["volume", "inspect", `${P}-cold_data`])).failed; i++) {
    if (i > 120) throw new Error("the cold stack's volume never appeared");
    await delay(500);
  }
  await docker("volume", "create", `${P}-dangling`);
  await docker("volume", "create", "--label", `${NS}=${CANON}`, `${CANON}_data`);
  await docker("volume", "create", "--label", `${NS}=warm-${R}-other`, `warm-${R}-other_data`);
  await mkdir(join(stateDir, R, "known-good", "data"), { recursive: true });
  await writeFile(join(stateDir, R, "known-good", "data", "db"), "warm data");
  await writeFile(join(stateDir, R, "known-good", "MANIFEST"), "{}");
  await mkdir(join(stateDir, R, ".tmp-abandoned"), { recursive: true });
  await writeFile(join(stateDir, R, ".tmp-abandoned", "half"), randomBytes(32 * 1024));
  const old = new Date(Date.now() - 3 * 3_600_000);
  for (const p of [join(stateDir, R, ".tmp-abandoned", "half"), join(stateDir, R, ".tmp-abandoned")]) await utimes(p, old, old);
});

afterAll(async () => {
  await runCommand("docker", ["stack", "rm", `${P}-cold`]);
  for (let i = 0; i < 60 && (await runCommand("docker", ["ps", "-aq", "--filter", `label=${NS}=${P}-cold`])).stdout.trim(); i++) await delay(500);
  for (const v of [`${P}-cold_data`, `${P}-dangling`, `${CANON}_data`, `warm-${R}-other_data`]) await runCommand("docker", ["volume", "rm", v]);
  await rm(work, { recursive: true, force: true });
});

describe("cc-warm prune (real process, real swarm)", () => {
  it("plans the graph usage → plan → prune → usage after", async () => {
    const res = await startCli("node", ["prune", "--plan", "--config", config]);
    expect(res.exitCode).toBe(0);
    const order = res.stdout.split("\n").filter(Boolean).map((l) => l.trim().split(/\s+/).at(-1)!.replace(/\[.*\]/, ""));
    expect(order.indexOf("usage")).toBeLessThan(order.indexOf("plan"));
    expect(order.indexOf("plan")).toBeLessThan(order.indexOf("prune"));
    expect(order.indexOf("prune")).toBeLessThan(order.indexOf("usage-after"));
  });

  it("dry run (the default) lists the leftovers with their bytes and changes nothing", async () => {
    const before = await observe();
    const res = await cli([`scope=${P}`]);
    expect(res.exitCode, res.stderr).toBe(0);
    const r = result(res.stdout);
    expect(r.dryRun).toBe(true);
    expect(r.tasks.lock).toBe("succeeded");
    expect(actions(r.items)).toEqual({
      [`snapshot-tmp:${R}/.tmp-abandoned`]: "would-remove",
      [`stack:${P}-cold`]: "would-remove",
      [`volume:${P}-cold_data`]: "would-remove",
      [`volume:${P}-dangling`]: "would-remove",
    });
    expect(r.items.find((i) => i.kind === "snapshot-tmp")!.bytes).toBeGreaterThanOrEqual(32 * 1024);
    expect(r.totals.removeCount).toBe(4);
    expect(r.usageAfter).toBeNull();
    expect(res.stderr).toMatch(/WOULD REMOVE\n/);
    expect(res.stderr).toMatch(/prune \(dry run\): would remove 4 item\(s\), .*nothing changed/);
    expect(await observe()).toBe(before);
    expect(await listLocks(stateDir)).toEqual([]); // a dry run takes no lock
  });

  it("never offers the enrolled canonical or any warm-* stack, and says why they are protected", async () => {
    const res = await cli([`scope=warm-${R}`]);
    expect(res.exitCode, res.stderr).toBe(0);
    const r = result(res.stdout);
    // Snapshot temp dirs are always considered (the scope is for docker names); docker: nothing.
    expect(r.items.filter((i) => i.kind !== "snapshot-tmp")).toEqual([]);
    expect(actions(r.kept)).toEqual({ [`volume:${CANON}_data`]: "kept", [`volume:warm-${R}-other_data`]: "kept" });
    const why = Object.fromEntries(r.protected.map((p) => [p.stack, p.why]));
    expect(why[CANON]).toBe(`canonical of enrolled recipe ${R}`);
    expect(why[`warm-${R}-other`]).toMatch(/warm stack/);
    expect(why[`warm-keycloak_${HEX}_test`]).toBe("warm Keycloak");
    expect(why[`warm-traefik_${HEX}_test`]).toMatch(/traefik/);
  });

  it("a real run waits for a held prune lock and gives up without touching anything", async () => {
    const held = await acquireLock(stateDir, "prune", { purpose: "another prune" });
    try {
      const before = await observe();
      const res = await cli([`scope=${P}`, "dry-run=false", "lock-timeout=0.02"]);
      expect(res.exitCode).toBe(3);
      expect(res.stderr).toMatch(/another prune/);
      expect(result(res.stdout).tasks).toMatchObject({ lock: "failed", plan: "skipped", prune: "skipped" });
      expect(await observe()).toBe(before);
    } finally {
      await held.release();
    }
  });

  it("a real run removes exactly the leftovers, keeps warm data, releases its lock", async () => {
    const res = await cli([`scope=${P}`, "dry-run=false"]);
    expect(res.exitCode, res.stderr).toBe(0);
    const r = result(res.stdout);
    expect(actions(r.items)).toEqual({
      [`snapshot-tmp:${R}/.tmp-abandoned`]: "removed",
      [`stack:${P}-cold`]: "removed",
      [`volume:${P}-cold_data`]: "removed",
      [`volume:${P}-dangling`]: "removed",
    });
    expect(r.usageAfter).toHaveLength(2);
    expect(res.stderr).toMatch(/prune: removed 4 item\(s\)/);
    const after = JSON.parse(await observe());
    expect(after.stacks).toBe("");
    expect(after.vols).toBe([`${CANON}_data`, `warm-${R}-other_data`].sort().join(","));
    expect(after.tree).toEqual([`${R} dir`, `${R}/known-good dir`, `${R}/known-good/MANIFEST ${Buffer.from("{}").toString("base64")}`, `${R}/known-good/data dir`, `${R}/known-good/data/db ${Buffer.from("warm data").toString("base64")}`]);
    expect((await listLocks(stateDir)).filter((l) => l.holder)).toEqual([]);
  });
});
