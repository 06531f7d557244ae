import { describe, expect, it } from "vitest";
import { interpolate, interpolateValues } from "../../lib/deploy/interpolate.ts";
import { dockerSupport } from "../../lib/deploy/docker-version.ts";
import { mergeComposeFiles } from "../../lib/deploy/compose-merge.ts";
import { normalizeService } from "../../lib/deploy/compose-normalize.ts";
import { convergeTimeoutMs, deployTimeoutLabelMs } from "../../lib/deploy/deploy-timeout.ts";
import { SECRET_CHARSETS, secretValue } from "../../lib/deploy/secret-value.ts";

const env: Record<string, string> = { SET: "v", EMPTY: "" };
const lookup = (k: string) => env[k];
const i = (s: string) => interpolate(s, { lookup, where: "services.app.image" });

describe("interpolate (the Docker CLI's rules, checked against CLI 28)", () => {
  it("substitutes, defaults, escapes", () => {
    expect(i("$SET ${SET} ${UNSET} $UNSET")).toBe("v v  ");
    expect(i("${UNSET:-d} ${EMPTY:-d} ${UNSET-d} ${EMPTY-d} ${SET:-d}")).toBe("d d d  v");
    expect(i("$$SET costs $$5 $${SET}")).toBe("$SET costs $5 ${SET}");
    // A default runs to the first '}' and is not expanded again (CLI 28 prints ${B:-deep}).
    expect(i("${A:-${B:-deep}}")).toBe("${B:-deep}");
  });
  it("required values and invalid formats are errors naming the value", () => {
    expect(() => i("${UNSET:?set it}")).toThrow(/services.app.image: required variable UNSET is missing a value: set it/);
    expect(() => i("${EMPTY:?e}")).toThrow(/EMPTY/);
    expect(i("${EMPTY?e}")).toBe("");
    for (const bad of ["cost $ 5", "a $1 b", "${X:+alt}", "x$"]) expect(() => i(bad), bad).toThrow(/invalid interpolation format/);
  });
  it("interpolates values, never keys", () => {
    expect(interpolateValues({ "k${SET}": "${SET}", l: ["$SET", null] }, { lookup })).toEqual({ "k${SET}": "v", l: ["v", null] });
  });
});

describe("dockerSupport", () => {
  it("knows which client has stack config and --detach", () => {
    expect(dockerSupport("20.10.24+dfsg1", "20.10.24+dfsg1")).toMatchObject({ stackConfig: false, deployDetach: false });
    expect(dockerSupport("23.0.1", "20.10.24")).toMatchObject({ stackConfig: true, deployDetach: false });
    expect(dockerSupport("28.2.2", "20.10.24+dfsg1")).toMatchObject({ stackConfig: true, deployDetach: true });
  });
  it("refuses a client or engine older than 20.10, naming which", () => {
    expect(() => dockerSupport("19.03.15", "20.10.24")).toThrow(/Docker client 19.03.15 is older than 20.10/);
    expect(() => dockerSupport("28.2.2", "18.09.1")).toThrow(/Docker engine 18.09.1/);
  });
});

describe("normalize and merge like the CLI", () => {
  const n = (s: Record<string, unknown>) => normalizeService(s as never, { dir: "/r", lookup });
  it("long form for environment, labels, volumes, secrets, networks", () => {
    expect(n({ environment: ["A=1", "SET", "NOPE", "E="], labels: ["x=a=b", "bare"], deploy: { labels: ["k=v"] }, networks: ["proxy"] })).toEqual({
      environment: { A: "1", SET: "v", NOPE: null, E: "" }, labels: { x: "a=b", bare: "" }, deploy: { labels: { k: "v" } }, networks: { proxy: null },
    });
    expect(n({ volumes: ["data:/d:ro", "./c:/c", "/anon", "x:/x:nocopy", { type: "tmpfs", target: "/t" }], secrets: ["s", { source: "t", mode: "0400" }] })).toEqual({
      volumes: [
        { type: "volume", source: "data", target: "/d", read_only: "true" }, { type: "bind", source: "/r/c", target: "/c" },
        { type: "volume", target: "/anon" }, { type: "volume", source: "x", target: "/x", volume: { nocopy: "true" } }, { type: "tmpfs", target: "/t" },
      ],
      secrets: [{ source: "s" }, { source: "t", mode: "256" }],
    });
  });
  it("services merge deeply; volumes by target; top-level entries replaced whole", () => {
    const merged = mergeComposeFiles([
      { services: { app: { image: "a", command: ["x"], deploy: { labels: { a: "1", b: "1" }, update_config: { order: "stop-first" } }, volumes: [{ target: "/d", source: "one" }, { target: "/c", source: "c" }] } }, volumes: { one: { labels: { x: "y" } } } },
      { services: { app: { command: ["y"], deploy: { labels: { b: "2" }, update_config: { parallelism: "2" } }, volumes: [{ target: "/d", source: "two" }] } }, volumes: { one: { name: "n" } } },
    ]);
    expect(merged).toEqual({
      services: { app: { image: "a", command: ["y"], deploy: { labels: { a: "1", b: "2" }, update_config: { order: "stop-first", parallelism: "2" } }, volumes: [{ target: "/c", source: "c" }, { target: "/d", source: "two" }] } },
      volumes: { one: { name: "n" } },
    });
  });
});

describe("deploy timeout label", () => {
  it("reads coop-cloud.<stack>.timeout in seconds; bad values are input errors", () => {
    expect(deployTimeoutLabelMs({ "coop-cloud.s_x.timeout": "75" }, "s_x")).toBe(75_000);
    expect(deployTimeoutLabelMs({ "coop-cloud.other.timeout": "75" }, "s_x")).toBeUndefined();
    expect(() => deployTimeoutLabelMs({ "coop-cloud.s_x.timeout": "1m" }, "s_x")).toThrow(/coop-cloud.s_x.timeout/);
  });
  it("precedence: run parameter > label > config", () => {
    expect(convergeTimeoutMs({ paramMinutes: 2, labelMs: 75_000, configMs: 600_000 })).toBe(120_000);
    expect(convergeTimeoutMs({ labelMs: 75_000, configMs: 600_000 })).toBe(75_000);
    expect(convergeTimeoutMs({ configMs: 600_000 })).toBe(600_000);
  });
});

describe("secretValue", () => {
  it("honours length and charset; hex keys are hex", () => {
    const hex = secretValue("SECRET_K_VERSION", { length: "64", charset: "hex" });
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(secretValue("SECRET_K_VERSION", {})).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(secretValue("SECRET_K_VERSION", { length: "128", charset: "special" })).toHaveLength(128);
    // Uniform enough to use every symbol of the alphabet.
    expect(new Set(secretValue("K", { length: "2000", charset: "hex" })).size).toBe(SECRET_CHARSETS.hex!.length);
  });
  it("rejects hints it cannot honour, naming the key", () => {
    expect(() => secretValue("SECRET_K_VERSION", { charset: "emoji" })).toThrow(/SECRET_K_VERSION: charset=emoji is not one of default, alphanumeric, hex, special/);
    expect(() => secretValue("SECRET_K_VERSION", { length: "0" })).toThrow(/SECRET_K_VERSION: length=0/);
  });
});
