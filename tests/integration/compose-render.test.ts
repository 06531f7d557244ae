// cc-warm's own compose loader (used where the Docker client has no `stack config`, e.g. Debian
// 12's 20.10) against Docker CLI 28's `docker stack config`, on every recipe of the corpus: what
// cc-warm reads must be identical. Needs a client with `stack config` (this machine's 28.2.2).
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAppEnv } from "../../lib/deploy/app-env.ts";
import { renderCompose } from "../../lib/deploy/compose.ts";
import { checkDocker } from "../../lib/deploy/docker-version.ts";
import { ROOT } from "../helpers/cli.ts";

const recipes = join(ROOT, "examples/recipes");
const corpus = [
  ...readdirSync(recipes).filter((r) => existsSync(join(recipes, r, ".env.sample"))).map((r) => join(recipes, r)),
  // Only fixture folders that are a recipe checkout (some hold a builder script that makes one).
  ...readdirSync(join(ROOT, "tests/fixtures/recipes")).map((r) => join(ROOT, "tests/fixtures/recipes", r)).filter((d) => existsSync(join(d, "compose.yml"))),
  join(ROOT, "tests/fixtures/yaml/source"),
];
const tmp: string[] = [];
afterAll(async () => { for (const d of tmp) await rm(d, { recursive: true, force: true }); });

type Doc = Record<string, any>;
const byKey = (key: string) => (list: Doc[] = []) => [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
/** What cc-warm reads from a rendered compose (volumes in the CLI's by-target order only after a merge). */
function readView(doc: Doc) {
  const services = Object.fromEntries(Object.entries(doc.services ?? {}).map(([name, s]: [string, any]) => [name, {
    image: s.image, environment: s.environment, labels: s.labels, deployLabels: s.deploy?.labels,
    volumes: byKey("target")(s.volumes), secrets: byKey("source")(s.secrets), configs: byKey("source")(s.configs),
    networks: s.networks,
  }]));
  return { services, volumes: doc.volumes, networks: doc.networks, secrets: doc.secrets, configs: doc.configs };
}

describe("own compose loader = docker stack config (CLI 28) on the recipe corpus", async () => {
  const docker = await checkDocker();
  it("this machine has a client with stack config to compare against", () => {
    expect(docker.stackConfig, `client ${docker.client}`).toBe(true);
  });
  for (const dir of corpus) {
    it(dir.slice(ROOT.length), async () => {
      const sample = join(dir, existsSync(join(dir, ".env.sample")) ? ".env.sample" : "env");
      const work = await mkdtemp(join(tmpdir(), "ccw-render-"));
      tmp.push(work);
      const envFile = join(work, "app.env");
      await writeFile(envFile, existsSync(sample) ? (await import("node:fs")).readFileSync(sample, "utf8") : "SECRET_DB_PASSWORD_VERSION=v1\nAPP_CONF_VERSION=v1\nDOMAIN=fixture.example.com\n");
      const env = await loadAppEnv(envFile, { stack: "ccw_render_example_com", recipeDir: dir });
      const viaCli = await renderCompose(dir, { env: env.values, stackConfig: true });
      const own = await renderCompose(dir, { env: env.values, stackConfig: false });
      expect(readView(own)).toEqual(readView(viaCli));
      expect(Object.keys(viaCli.services).length).toBeGreaterThan(0);
    });
  }
});
