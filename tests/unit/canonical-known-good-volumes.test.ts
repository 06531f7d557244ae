// The MANIFEST decides which of a stack's volumes a restore touches (issue 12: a PR that adds a
// volume must not wedge the canonical): restore the MANIFEST's, remove extras, keep exclusions.
import { describe, expect, it } from "vitest";
import { classifyStackVolumes } from "../../lib/canonical/known-good-volumes.ts";
import { matchVolumes } from "../../lib/volumes/match.ts";
import { manifestSchema, type Manifest } from "../../lib/volumes/manifest-schema.ts";
import { InfraError } from "../../lib/errors.ts";

const stack = "warm-demo_t_ccw_test";
const vol = (key: string) => ({ name: key, dockerName: `${stack}_${key}`, mountpoint: `/var/lib/docker/volumes/${stack}_${key}/_data` });
const manifest = (excluded?: string[]): Manifest => ({
  format: 1, recipe: "demo", commit: "abc", imageDigests: {}, createdAt: "2026-12-01T00:00:00Z",
  volumes: [{ key: "data", name: `${stack}_data`, mountpoint: "/x", entries: [] }],
  ...(excluded ? { excluded } : {}),
});

describe("classifyStackVolumes", () => {
  it("restores the MANIFEST's volumes, removes a PR-added one, leaves an excluded one", () => {
    const res = classifyStackVolumes(manifest(["cache"]), stack, [vol("cache"), vol("data"), vol("extra")]);
    expect(res.restore).toEqual([{ name: `${stack}_data`, mountpoint: vol("data").mountpoint, key: "data" }]);
    expect(res.extra).toEqual([`${stack}_extra`]);
    expect(res.excluded).toEqual([`${stack}_cache`]);
    expect(res.missing).toEqual([]);
    expect(res.exclusionsKnown).toBe(true);
  });

  it("names a MANIFEST volume that no longer exists as missing", () => {
    const res = classifyStackVolumes(manifest([]), stack, [vol("extra")]);
    expect(res.missing).toEqual([`${stack}_data`]);
    expect(res.restore).toEqual([]);
    expect(res.extra).toEqual([`${stack}_extra`]);
  });

  it("a MANIFEST written before exclusions were recorded cannot tell extras from exclusions", () => {
    const res = classifyStackVolumes(manifest(), stack, [vol("cache"), vol("data")]);
    expect(res.exclusionsKnown).toBe(false);
    expect(res.extra).toEqual([`${stack}_cache`]);
  });

  it("the MANIFEST schema accepts and keeps the excluded list (and its absence)", () => {
    expect(manifestSchema.parse(manifest(["cache"])).excluded).toEqual(["cache"]);
    expect(manifestSchema.parse(manifest()).excluded).toBeUndefined();
  });
});

describe("matchVolumes", () => {
  it("a volume set that does not match the snapshot is a state problem (InfraError), and says what to do", () => {
    const err = (() => { try { matchVolumes([{ name: `${stack}_extra`, mountpoint: "/e" }], manifest([]), stack); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(InfraError);
    expect(String((err as Error).message)).toMatch(/not in the known-good snapshot.*promote/);
  });
});
