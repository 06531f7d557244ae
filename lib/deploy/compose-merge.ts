/**
 * Merging `COMPOSE_FILE` overlays the way the Docker CLI's stack loader does (checked against
 * CLI 28's `docker stack config`): services merge deeply (maps key by key, so `environment`,
 * `labels` and `deploy.labels` merge per key); `volumes` merge by target and `secrets`/`configs`
 * by source (an overlay's entry replaces the base's), sorted as the CLI sorts them; other
 * sequences and scalars are replaced. Top-level `volumes`/`networks`/`secrets`/`configs` entries
 * are replaced whole; other top-level keys (`version`, `x-…`) are replaced.
 * @module
 */
import { isMapping, type Mapping } from "./compose-normalize.ts";
import type { YamlValue } from "./yaml.ts";

function mergeByKey(base: YamlValue[], over: YamlValue[], key: string): YamlValue[] {
  const byKey = new Map<string, YamlValue>();
  for (const item of [...base, ...over]) byKey.set(String(isMapping(item) ? item[key] : item), item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

const BY_KEY: Record<string, string> = { volumes: "target", secrets: "source", configs: "source" };

function deepMerge(base: YamlValue, over: YamlValue, path: string[]): YamlValue {
  if (isMapping(base) && isMapping(over)) {
    const out: Mapping = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k]!, v, [...path, k]) : v;
    return out;
  }
  const sortKey = path.length === 1 ? BY_KEY[path[0]!] : undefined;
  if (sortKey && Array.isArray(base) && Array.isArray(over)) return mergeByKey(base, over, sortKey);
  return over;
}

/**
 * Merge normalised compose files, later files over earlier ones.
 *
 * @example
 * ```ts
 * mergeComposeFiles([{ services: { app: { image: "a" } } }, { services: { app: { image: "b" } } }]); // { services: { app: { image: "b" } } }
 * ```
 */
export function mergeComposeFiles(files: Mapping[]): Mapping {
  const out: Mapping = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(file)) {
      if (key === "services" && isMapping(out.services ?? null) && isMapping(value)) {
        const services: Mapping = { ...(out.services as Mapping) };
        for (const [name, spec] of Object.entries(value)) services[name] = name in services ? deepMerge(services[name]!, spec, []) : spec;
        out.services = services;
      } else if (["volumes", "networks", "secrets", "configs"].includes(key) && isMapping(out[key] ?? null) && isMapping(value)) {
        out[key] = { ...(out[key] as Mapping), ...value };
      } else out[key] = value;
    }
  }
  return out;
}
