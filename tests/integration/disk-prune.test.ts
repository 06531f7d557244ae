// diskPrune against the real swarm and a real state dir. Every docker object here is named with
// this file's random prefix, and prune is scoped to it (namePrefix), so concurrent tests and the
// host's other stacks, volumes and images are never considered.
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { acquireLock, type LockHandle } from "../../lib/lock/mod.ts";
import { diskPrune, type DiskPolicy, type PruneReport } from "../../lib/disk/mod.ts";
import { delay } from "../../lib/runner/wait.ts";

const P = `ccw-test-disk-${randomBytes(3).toString("hex")}`;
const IMG = `${P}-img:1`; // in scope: the one image this test may delete
const NS = "com.docker.stack.namespace";
const policy: DiskPolicy = { warnAtPercent: 99, pruneAtPercent: 100, pruneDownToPercent: 99, coldGraceHours: 6, imageBudgetGiB: 0 };
const later = (): Date => new Date(Date.now() + 7 * 3_600_000);
let work: string;
let stateDir: string;
let stackImage: string;
let held: LockHandle;

const docker = (...args: string[]) => runCommandOrThrow("docker", args, { timeoutMs: 120_000 });
const mountpoint = async (vol: string): Promise<string> => (await docker("volume", "inspect", "-f", "{{.Mountpoint}}", vol)).stdout.trim();
const fill = async (vol: string, bytes: number): Promise<void> => writeFile(join(await mountpoint(vol), "blob"), randomBytes(bytes));

async function importBusybox(tag: string): Promise<void> {
  const root = join(work, `rootfs-${tag.replace(/[/:]/g, "_")}`);
  await mkdir(join(root, "bin"), { recursive: true });
  await copyFile("/bin/busybox", join(root, "bin", "busybox"));
  for (const app of ["sh", "sleep"]) await symlink("busybox", join(root, "bin", app));
  await runCommandOrThrow("tar", ["-C", root, "-cf", `${root}.tar`, "."]);
  await docker("import", `${root}.tar`, tag);
}

/** Everything observable: the state dir tree (paths, sizes, contents) and our docker objects. */
async function snapshot(): Promise<string> {
  const files = (await readdir(stateDir, { recursive: true })).map(String).sort();
  const tree = await Promise.all(files.map(async (f) => {
    const s = await stat(join(stateDir, f));
    return `${f} ${s.isDirectory() ? "dir" : `${s.size} ${(await readFile(join(stateDir, f))).toString("base64").slice(0, 40)}`}`;
  }));
  const mine = (out: string) => out.split("\n").filter((l) => l.includes(P)).sort().join(",");
  const stacks = mine((await docker("stack", "ls", "--format", "{{.Name}}")).stdout);
  const vols = mine((await docker("volume", "ls", "-q")).stdout);
  const imgs = mine((await docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}")).stdout);
  return JSON.stringify({ tree, stacks, vols, imgs });
}

const actions = (r: PruneReport): Record<string, string> =>
  Object.fromEntries(r.items.map((i) => [`${i.kind}:${i.kind === "snapshot-tmp" ? relative(stateDir, i.name) : i.name}`, i.action]));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), `${P}-`));
  stateDir = join(work, "state");
  const has = await runCommand("docker", ["image", "inspect", "local/ccw-busybox:1"]);
  stackImage = has.failed ? "local/ccw-test-disk:1" : "local/ccw-busybox:1";
  if (has.failed) await importBusybox(stackImage);
  await importBusybox(IMG);
  // A cold-run leftover: a running stack with a named volume holding data.
  const compose = join(work, "compose.yml");
  await writeFile(compose, [
    'version: "3.8"', "services:", "  app:", `    image: ${stackImage}`,
    `    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`,
    "    volumes: [\"data:/data\"]", "volumes:", "  data: {}", "",
  ].join("\n"));
  await docker("stack", "deploy", "-c", compose, `${P}-cold`);
  for (let i = 0; (await runCommand("docker", ["volume", "inspect", `${P}-cold_data`])).failed; i++) {
    if (i > 120) throw new Error("the cold stack's volume never appeared");
    await delay(500);
  }
  await fill(`${P}-cold_data`, 1024 * 1024);
  // A volume of a stack that is gone, a dangling volume, and a protected canonical's volume.
  await docker("volume", "create", "--label", `${NS}=${P}-gone`, `${P}-gone_data`);
  await fill(`${P}-gone_data`, 256 * 1024);
  await docker("volume", "create", `${P}-dangling`);
  await docker("volume", "create", "--label", `${NS}=${P}-canon`, `${P}-canon_data`);
  await fill(`${P}-canon_data`, 512 * 1024);
  // Warm data and garbage in the state dir.
  await mkdir(join(stateDir, "demo", "known-good", "data"), { recursive: true });
  await writeFile(join(stateDir, "demo", "known-good", "data", "db"), "warm data");
  await writeFile(join(stateDir, "demo", "known-good", "MANIFEST"), "{}");
  await writeFile(join(stateDir, "registry.json"), JSON.stringify({ demo: { commit: "abc" } }));
  await mkdir(join(stateDir, "demo", ".tmp-abandoned", "data"), { recursive: true });
  await writeFile(join(stateDir, "demo", ".tmp-abandoned", "data", "half"), randomBytes(64 * 1024));
  await mkdir(join(stateDir, "demo", ".tmp-committed"), { recursive: true });
  await writeFile(join(stateDir, "demo", ".tmp-committed", "MANIFEST"), "{}");
  await mkdir(join(stateDir, "busy", ".tmp-writing"), { recursive: true });
  await writeFile(join(stateDir, "busy", ".tmp-writing", "part"), "x");
  held = await acquireLock(stateDir, "busy", { purpose: "a snapshot writer" });
});

afterAll(async () => {
  await held?.release();
  await runCommand("docker", ["stack", "rm", `${P}-cold`]);
  for (let i = 0; i < 60 && (await runCommand("docker", ["ps", "-aq", "--filter", `label=${NS}=${P}-cold`])).stdout.trim(); i++) await delay(500);
  for (const v of ["cold_data", "gone_data", "canon_data"]) await runCommand("docker", ["volume", "rm", `${P}-${v}`]);
  await runCommand("docker", ["volume", "rm", `${P}-dangling`]);
  await runCommand("docker", ["image", "rm", IMG]);
  if (stackImage === "local/ccw-test-disk:1") await runCommand("docker", ["image", "rm", stackImage]);
  await rm(work, { recursive: true, force: true });
});

describe("diskPrune on a real swarm", () => {
  const expected = {
    "snapshot-tmp:demo/.tmp-abandoned": "would-remove",
    "snapshot-tmp:demo/.tmp-committed": "kept",
    "snapshot-tmp:busy/.tmp-writing": "kept",
    [`stack:${P}-cold`]: "would-remove",
    [`volume:${P}-canon_data`]: "kept",
    [`volume:${P}-cold_data`]: "would-remove",
    [`volume:${P}-dangling`]: "would-remove",
    [`volume:${P}-gone_data`]: "would-remove",
    [`image:${IMG}`]: "would-remove",
  };
  const opts = () => ({ stateDir, protectedStacks: [`${P}-canon`], namePrefix: P });

  it("keeps everything younger than the grace ages", async () => {
    const before = await snapshot();
    const r = await diskPrune(policy, { ...opts(), dryRun: true });
    // Images have no age rule (budget 0 here), so only they may go; nothing else is old enough.
    expect(Object.entries(actions(r)).filter(([k, a]) => a !== "kept" && !k.startsWith("image:"))).toEqual([]);
    expect(r.items.filter((i) => i.kind !== "image")).toHaveLength(8);
    expect(await snapshot()).toBe(before);
  });

  it("dry run lists exactly the leftovers and garbage with their bytes, and changes nothing", async () => {
    const before = await snapshot();
    const r = await diskPrune(policy, { ...opts(), dryRun: true, now: later() });
    expect(actions(r)).toEqual(expected);
    const bytes = Object.fromEntries(r.items.map((i) => [i.name, i.bytes]));
    expect(bytes[`${P}-cold_data`]).toBeGreaterThanOrEqual(1024 * 1024);
    expect(bytes[`${P}-gone_data`]).toBeGreaterThanOrEqual(256 * 1024);
    expect(bytes[join(stateDir, "demo", ".tmp-abandoned")]).toBeGreaterThanOrEqual(64 * 1024);
    expect(bytes[IMG]).toBeGreaterThan(500_000); // busybox-static
    expect(r.totals.removeBytes).toBe(r.items.filter((i) => i.action === "would-remove").reduce((s, i) => s + i.bytes, 0));
    expect(r.totals.removeCount).toBe(6);
    expect(r.dryRun).toBe(true);
    expect(r.usageBefore.map((u) => u.path)).toEqual(["/var/lib/docker", stateDir]);
    expect(r.items.find((i) => i.name === join(stateDir, "busy", ".tmp-writing"))?.reason).toContain(`pid ${process.pid}`);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // flat and serialisable
    expect(await snapshot()).toBe(before);
  });

  it("the real run removes exactly those and keeps warm data", async () => {
    const r = await diskPrune(policy, { ...opts(), now: later() });
    expect(actions(r)).toEqual(Object.fromEntries(Object.entries(expected).map(([k, a]) => [k, a === "would-remove" ? "removed" : a])));
    expect(r.totals.failedCount).toBe(0);
    const after = JSON.parse(await snapshot());
    expect(after.stacks).toBe("");
    expect(after.vols).toBe(`${P}-canon_data`);
    expect(after.imgs).toBe("");
    expect(after.tree).toEqual([
      "busy dir",
      "busy/.tmp-writing dir",
      expect.stringMatching(/^busy\/.tmp-writing\/part 1 /),
      "demo dir",
      "demo/.tmp-committed dir",
      expect.stringMatching(/^demo\/.tmp-committed\/MANIFEST 2 /),
      "demo/known-good dir",
      "demo/known-good/MANIFEST 2 e30=",
      "demo/known-good/data dir",
      `demo/known-good/data/db 9 ${Buffer.from("warm data").toString("base64")}`,
      "locks dir",
      expect.stringMatching(/^locks\/busy\.lock \d+ /),
      "locks/busy.queue dir",
      expect.stringMatching(/^locks\/busy\.queue\/0000000000000001 \d+ /),
      expect.stringMatching(/^registry\.json \d+ /),
    ]);
    expect(await readFile(join(await mountpoint(`${P}-canon_data`), "blob"))).toHaveLength(512 * 1024);
  });
});
