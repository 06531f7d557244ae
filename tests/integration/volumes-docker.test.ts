// Real docker volumes: write data through a container, snapshot from the Mountpoint of
// `docker volume inspect`, damage it through a container, restore, verify; refuse while any
// container (even a stopped one) mounts the volume.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InfraError } from "../../lib/errors.ts";
import { runCommand, runCommandOrThrow } from "../../lib/exec/mod.ts";
import { restoreSnapshot, snapshotVolumes, verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/mod.ts";
import type { VolumeRef } from "../../lib/volumes/mod.ts";
import { describeTree } from "../helpers/volumes-tree.ts";
import { busyboxImage, inContainer, volumeMountpoint } from "../helpers/volumes-docker.ts";

const hex = randomBytes(4).toString("hex");
const stack = `ccw-test-volumes-${hex}`;
const volName = `${stack}_db`;
const holder = `${stack}-holder`;
let image = "";
let imported = false;
let state = "";
let vols: VolumeRef[] = [];

beforeAll(async () => {
  ({ image, imported } = await busyboxImage(hex));
  state = await mkdtemp(join(tmpdir(), "ccw-test-volumes-state-"));
  await runCommandOrThrow("docker", ["volume", "create", "--label", "ccw-test=volumes", volName]);
  vols = [{ name: volName, mountpoint: await volumeMountpoint(volName) }];
  await inContainer(image, volName, [
    "mkdir -p /data/pg/base /data/empty-dir",
    "echo 16 > /data/pg/PG_VERSION",
    "dd if=/dev/urandom of=/data/pg/base/1 bs=1024 count=300 2>/dev/null",
    "dd if=/dev/zero of=/data/sparse bs=1 count=1 seek=20000000 2>/dev/null",
    ": > /data/empty",
    "ln -s PG_VERSION /data/pg/link",
    "chown -R 70:70 /data/pg && chmod 700 /data/pg && chmod 600 /data/pg/PG_VERSION",
  ].join(" && "));
});

afterAll(async () => {
  await runCommand("docker", ["rm", "-f", holder]);
  await runCommand("docker", ["volume", "rm", "-f", volName]);
  if (imported) await runCommand("docker", ["image", "rm", "-f", image]);
  if (state) await rm(state, { recursive: true, force: true });
});

describe("docker volumes", () => {
  it("snapshots, restores and verifies a real named volume", async () => {
    const before = await describeTree(vols[0]!.mountpoint);
    expect(before["pg/PG_VERSION"]).toMatch(/mode=600 own=70:70/);
    const snap = await snapshotVolumes(vols, { stateDir: state, recipe: "demo", commit: "a1b2c3d", stack });
    expect((await verifySnapshot(state, "demo")).ok).toBe(true);
    expect(snap.manifestDigest).toMatch(/^[0-9a-f]{64}$/);

    await inContainer(image, volName, "echo 17 > /data/pg/PG_VERSION && rm /data/pg/base/1 && echo junk > /data/pg/junk && chmod 777 /data/empty && rm -r /data/empty-dir");
    expect((await verifyVolumesAgainstManifest(vols, { stateDir: state, recipe: "demo", stack })).ok).toBe(false);

    const res = await restoreSnapshot(vols, { stateDir: state, recipe: "demo", stack });
    expect(res.manifestDigest).toBe(snap.manifestDigest);
    expect(res.filesCopied).toBe(2);
    expect(await describeTree(vols[0]!.mountpoint)).toEqual(before);
    expect((await inContainer(image, volName, "cat /data/pg/link")).trim()).toBe("16");
  });

  it("refuses to snapshot or restore while a container, even a stopped one, mounts the volume", async () => {
    await runCommandOrThrow("docker", ["create", "--name", holder, "-v", `${volName}:/data`, image, "true"]);
    const err = await snapshotVolumes(vols, { stateDir: state, recipe: "demo", commit: "b2", stack }).catch((e) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect(err.message).toContain(`${volName} is mounted by ${holder}`);
    await expect(restoreSnapshot(vols, { stateDir: state, recipe: "demo", stack })).rejects.toThrow(holder);
    expect((await verifySnapshot(state, "demo")).commit).toBe("a1b2c3d");
    await runCommandOrThrow("docker", ["rm", "-f", holder]);
    expect((await restoreSnapshot(vols, { stateDir: state, recipe: "demo", stack })).filesCopied).toBe(0);
  });
});
