import { describe, expect, it } from "vitest";
import { parseDockerYaml } from "../../lib/deploy/yaml-lite.ts";
import { anonymousVolumes, composeFiles, composeLabels, excludedVolumes } from "../../lib/deploy/compose.ts";

// Verbatim shape of `docker stack config` output (Docker CLI 28).
const RENDERED = `version: "3.8"
services:
  app:
    command:
      - sh
      - -c
      - |-
        echo a
          indented: b
    deploy:
      labels:
        a.b: 'it''s: "x"'
        backupbot.backup: "true"
        backupbot.backup.volumes.cache: "false"
    environment:
      APP_VERSION: "1"
      DOMAIN: ""
    image: local/ccw-busybox:1
    networks:
      proxy: null
    secrets:
      - source: demo_token
    volumes:
      - type: volume
        target: /anon
      - type: volume
        source: data
        target: /data
      - type: tmpfs
        target: /run/scratch
networks:
  proxy:
    name: proxy
    external: true
volumes:
  data: {}
secrets:
  demo_token:
    name: foo_demo_token_v1
    external: true
`;

describe("parseDockerYaml", () => {
  it("reads docker stack config output", () => {
    const doc = parseDockerYaml(RENDERED) as any;
    expect(doc.version).toBe("3.8");
    expect(doc.services.app.command).toEqual(["sh", "-c", "echo a\n  indented: b"]);
    expect(doc.services.app.deploy.labels).toEqual({ "a.b": 'it\'s: "x"', "backupbot.backup": "true", "backupbot.backup.volumes.cache": "false" });
    expect(doc.services.app.environment).toEqual({ APP_VERSION: "1", DOMAIN: "" });
    expect(doc.services.app.networks).toEqual({ proxy: null });
    expect(doc.services.app.secrets).toEqual([{ source: "demo_token" }]);
    expect(doc.services.app.volumes[1]).toEqual({ type: "volume", source: "data", target: "/data" });
    expect(doc.volumes).toEqual({ data: {} });
    expect(doc.secrets.demo_token).toEqual({ name: "foo_demo_token_v1", external: "true" });
  });

  it("rejects YAML it does not understand instead of guessing", () => {
    expect(() => parseDockerYaml("a: &anchor x\n")).toThrow(/anchors/);
  });
});

describe("compose helpers", () => {
  const doc = parseDockerYaml(RENDERED) as any;

  it("finds anonymous volumes but not named volumes or tmpfs", () => {
    expect(anonymousVolumes(doc)).toEqual([{ service: "app", target: "/anon" }]);
  });

  it("reads backupbot exclusions from map-form labels", () => {
    expect([...excludedVolumes(composeLabels(doc))]).toEqual(["cache"]);
    expect([...excludedVolumes({ "backupbot.backup.volumes.db.path": "x.sql", "backupbot.backup.volumes.x": "true" })]).toEqual([]);
  });

  it("splits COMPOSE_FILE and refuses paths that escape the recipe", () => {
    expect(composeFiles({})).toEqual(["compose.yml"]);
    expect(composeFiles({ COMPOSE_FILE: "compose.yml:compose.cache.yml" })).toEqual(["compose.yml", "compose.cache.yml"]);
    expect(() => composeFiles({ COMPOSE_FILE: "compose.yml:../x.yml" })).toThrow(/COMPOSE_FILE/);
    expect(() => composeFiles({ COMPOSE_FILE: "/etc/x.yml" })).toThrow(/COMPOSE_FILE/);
  });
});
