/**
 * cc-warm's own compose loader, for Docker clients without `docker stack config` (CLI < 23,
 * e.g. Debian 12's 20.10): each `COMPOSE_FILE` overlay read with {@linkcode readYaml},
 * interpolated like the CLI ({@linkcode interpolateValues}), normalised to the CLI's long form
 * and merged with its rules. It yields what cc-warm reads (services' volumes, labels,
 * environment, secrets, configs, networks; the top-level objects); the deploy itself is still
 * `docker stack deploy -c …` with the client's own loader. A unit/integration test proves it
 * equal to CLI 28's `docker stack config` on every recipe of the corpus.
 * @module
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { InputError } from "../errors.ts";
import type { RenderedCompose } from "./compose.ts";
import { mergeComposeFiles } from "./compose-merge.ts";
import { isMapping, type Mapping, normalizeService } from "./compose-normalize.ts";
import { checkRenderedCompose } from "./compose-read.ts";
import { interpolateValues } from "./interpolate.ts";
import { readYaml, YamlError } from "./yaml.ts";

function normalizeTopLevel(doc: Mapping, dir: string, lookup: (name: string) => string | undefined): Mapping {
  const out: Mapping = { ...doc };
  for (const section of ["volumes", "networks", "secrets", "configs"]) {
    if (!isMapping(doc[section] ?? null)) continue;
    out[section] = Object.fromEntries(Object.entries(doc[section] as Mapping).map(([name, spec]) => {
      const s: Mapping = isMapping(spec) ? { ...spec } : {};
      if (s.external === "true" && s.name === undefined) s.name = name;
      if (typeof s.file === "string") s.file = resolve(dir, s.file);
      return [name, s];
    }));
  }
  if (isMapping(doc.services ?? null)) {
    out.services = Object.fromEntries(Object.entries(doc.services as Mapping).map(([n, s]) => [n, isMapping(s) ? normalizeService(s, { dir, lookup }) : s]));
  }
  return out;
}

/**
 * Load, interpolate, normalise and merge the compose files (relative to `dir`); `env` is the
 * app environment (the process environment fills names it lacks, as for the CLI). Recipe
 * problems (unreadable file, bad YAML with its line, bad interpolation) are `InputError`s.
 *
 * @example
 * ```ts
 * const c = await loadCompose("/tmp/recipe", { files: ["compose.yml", "compose.x.yml"], env: { STACK_NAME: "s" } });
 * ```
 */
export async function loadCompose(dir: string, options: { files: string[]; env: Record<string, string> }): Promise<RenderedCompose> {
  const lookup = (k: string) => options.env[k] ?? process.env[k];
  const docs: Mapping[] = [];
  for (const file of options.files) {
    let text: string;
    try {
      text = await readFile(join(dir, file), "utf8");
    } catch (cause) {
      throw new InputError("COMPOSE_FILE", `cannot read ${file}: ${(cause as Error).message}`, { cause });
    }
    let doc;
    try {
      doc = readYaml(text, { source: file });
    } catch (cause) {
      throw new InputError("recipe", (cause as YamlError).message, { cause });
    }
    if (!isMapping(doc)) throw new InputError("recipe", `${file} is not a compose mapping`);
    docs.push(normalizeTopLevel(interpolateValues(doc, { lookup, where: file }), dir, lookup));
  }
  const merged = mergeComposeFiles(docs);
  return checkRenderedCompose(merged, { source: `compose files ${options.files.join(":")}`, text: stringify(merged) });
}
