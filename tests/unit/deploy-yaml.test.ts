import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readYaml, YamlError } from "../../lib/deploy/yaml.ts";
import { readRenderedCompose } from "../../lib/deploy/compose-read.ts";
import { anonymousVolumes, composeFiles, composeLabels, excludedVolumes } from "../../lib/deploy/compose.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/yaml/${name}`, import.meta.url), "utf8");
const LONG_KEY = "coop-cloud.fixture_example_com.this-label-key-is-deliberately-longer-than-one-hundred-and-twenty-eight-characters-to-make-yaml-v3-write-a-question-mark-key";

describe("docker stack config output, every writer's shape", () => {
  for (const name of ["stack-config-v2.yml", "stack-config-v3.yml"]) {
    it(`${name} reads completely`, () => {
      const c = readRenderedCompose(fixture(name), { source: name }) as any;
      const app = c.services.app;
      expect(app.command).toEqual(["sh", "-c", "  echo start\nexec sleep 3600"]);
      expect(app.environment).toEqual({ GREETING: "  starts with two spaces\nand keeps it", LOG_LEVEL: "info", TRAILER: "ends with two newlines\n\n" });
      expect(app.deploy.labels).toEqual({
        "backupbot.backup": "true",
        "backupbot.backup.pre-hook": "sh -c 'pg_dump --username=app --dbname=app --file=/data/backup.sql --no-owner --no-privileges'",
        "backupbot.backup.volumes.data.path": "backup.sql",
        [LONG_KEY]: "yes",
        "coop-cloud.fixture_example_com.timeout": "120",
        "traefik.enable": "true",
        "traefik.http.routers.fixture_example_com.rule": "Host(`fixture.example.com`) || Host(`www.fixture.example.com`) || Host(`old.fixture.example.com`) || Host(`legacy.fixture.example.com`)",
      });
      expect(app.volumes).toEqual([{ type: "volume", source: "data", target: "/data" }, { type: "tmpfs", target: "/run/scratch" }]);
      expect(c.volumes).toEqual({ data: {} });
      expect(c.secrets).toEqual({ db_password: { name: "fixture_example_com_db_password_v1", external: "true" } });
      expect(c.configs.app_conf).toEqual({ name: "fixture_example_com_app_conf_v1", file: "/tmp/fixture-recipe/app.conf" });
      expect(c.networks).toEqual({ proxy: { name: "proxy", external: "true" } });
      expect(anonymousVolumes(c)).toEqual([]);
    });
  }

  it("both writers' documents are the same document", () => {
    const { text: _a, ...v2 } = readRenderedCompose(fixture("stack-config-v2.yml"), { source: "v2" });
    const { text: _b, ...v3 } = readRenderedCompose(fixture("stack-config-v3.yml"), { source: "v3" });
    expect(v2).toEqual(v3);
  });

  it("a document cut at a line boundary is an error, not a compose without secrets", () => {
    const text = fixture("stack-config-v3.yml");
    const cut = text.slice(0, text.indexOf("networks:\n  proxy:"));
    expect(() => readRenderedCompose(cut, { source: "docker stack config" })).toThrow(/service app uses .*, which the document does not declare/);
    const noSecrets = text.slice(0, text.indexOf("secrets:\n  db_password"));
    expect(() => readRenderedCompose(noSecrets, { source: "docker stack config" })).toThrow(/secret db_password/);
    expect(() => readRenderedCompose("", { source: "docker stack config" })).toThrow(/no services mapping/);
  });

  it("a document cut inside a scalar or malformed names the line", () => {
    const text = fixture("stack-config-v3.yml");
    const cut = text.slice(0, text.indexOf("--no-owner")).replace("pre-hook: sh", "pre-hook: \"sh");
    const err = (() => { try { readYaml(cut, { source: "out" }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(YamlError);
    expect((err as YamlError).line).toBeGreaterThan(10);
    expect(() => readYaml("a:\n  b: 1\n c: 2\n", { source: "compose.yml" })).toThrow(/compose.yml line 3: /);
    expect(() => readYaml("a: 1\na: 2\n", { source: "x.yml" })).toThrow(/x.yml line 2: .*unique/i);
    expect(() => readYaml("a: 1\n---\nb: 2\n", { source: "x.yml" })).toThrow(/x.yml/);
    expect(() => readYaml("a: *nowhere\n", { source: "x.yml" })).toThrow(/x.yml/);
    expect(() => readRenderedCompose("services: [1,\n", { source: "docker stack config" })).toThrow(/docker stack config line \d+/);
  });
});

describe("readYaml", () => {
  it("keeps scalars as written, merges <<: anchors, reads null", () => {
    const doc = readYaml("x-base: &base\n  a: 0555\n  b: on\nsvc:\n  <<: *base\n  b: true\n  c: ~\n  d:\n  n: 3.10\n", { source: "t" });
    expect(doc).toEqual({ "x-base": { a: "0555", b: "on" }, svc: { a: "0555", b: "true", c: null, d: null, n: "3.10" } });
  });
});

describe("compose helpers", () => {
  const doc = readRenderedCompose(fixture("stack-config-v3.yml"), { source: "v3" }) as any;
  const withAnon = { services: { app: { volumes: [...doc.services.app.volumes, { type: "volume", target: "/anon" }] } } };

  it("finds anonymous volumes but not named volumes or tmpfs", () => {
    expect(anonymousVolumes(withAnon)).toEqual([{ service: "app", target: "/anon" }]);
  });

  it("reads backupbot exclusions from map-form labels", () => {
    expect([...excludedVolumes(composeLabels({ services: { a: { deploy: { labels: { "backupbot.backup.volumes.cache": "false" } } } } }))]).toEqual(["cache"]);
    expect([...excludedVolumes(composeLabels(doc))]).toEqual([]);
    expect([...excludedVolumes({ "backupbot.backup.volumes.db.path": "x.sql", "backupbot.backup.volumes.x": "true" })]).toEqual([]);
  });

  it("splits COMPOSE_FILE and refuses paths that escape the recipe", () => {
    expect(composeFiles({})).toEqual(["compose.yml"]);
    expect(composeFiles({ COMPOSE_FILE: "compose.yml:compose.cache.yml" })).toEqual(["compose.yml", "compose.cache.yml"]);
    expect(() => composeFiles({ COMPOSE_FILE: "compose.yml:../x.yml" })).toThrow(/COMPOSE_FILE/);
    expect(() => composeFiles({ COMPOSE_FILE: "/etc/x.yml" })).toThrow(/COMPOSE_FILE/);
  });
});
