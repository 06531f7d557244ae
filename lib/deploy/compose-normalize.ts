/**
 * One service of a compose file in the long form the Docker CLI's loader produces (and
 * `docker stack config` prints): `environment` and `labels` as maps, `volumes` as
 * `{type, source, target, …}`, `secrets`/`configs` as `{source, …}`, `networks` as a map, bind
 * sources and config/secret `file`s made absolute. Only these keys: cc-warm reads no others.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import type { YamlValue } from "./yaml.ts";

/** A YAML mapping. */
export type Mapping = { [key: string]: YamlValue };

/** True for a YAML mapping (not null, not a sequence). */
export const isMapping = (v: YamlValue | undefined): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);

/** `KEY=value` list or map → map; `KEY` alone is null (environment) or "" (labels). */
function listOrMap(v: YamlValue | undefined, bare: null | ""): Mapping {
  if (isMapping(v)) return v;
  const out: Mapping = {};
  for (const item of Array.isArray(v) ? v : []) {
    const s = String(item);
    const eq = s.indexOf("=");
    out[eq < 0 ? s : s.slice(0, eq)] = eq < 0 ? bare : s.slice(eq + 1);
  }
  return out;
}

/** YAML 1.1 octal (`0555`, what Docker's YAML libraries read) as the decimal Docker prints. */
const octal = (v: YamlValue | undefined): YamlValue | undefined => (typeof v === "string" && /^0[0-7]+$/.test(v) ? String(parseInt(v, 8)) : v);

function volume(v: YamlValue, dir: string): YamlValue {
  if (isMapping(v)) return v.type === "bind" && typeof v.source === "string" ? { ...v, source: resolve(dir, v.source) } : v;
  const [a = "", b, opts = ""] = String(v).split(":");
  if (b === undefined) return { type: "volume", target: a };
  const bind = isAbsolute(a) || a.startsWith(".") || a.startsWith("~");
  const out: Mapping = { type: bind ? "bind" : "volume", source: bind ? resolve(dir, a) : a, target: b };
  const flags = opts.split(",").filter(Boolean);
  if (flags.includes("ro")) out.read_only = "true";
  if (flags.includes("nocopy")) out.volume = { nocopy: "true" };
  return out;
}

function objectRef(v: YamlValue): Mapping {
  if (!isMapping(v)) return { source: String(v) };
  const out: Mapping = { ...v };
  if (v.mode !== undefined) out.mode = octal(v.mode) ?? null;
  return out;
}

/**
 * Normalise one service (see the module doc); `dir` resolves relative bind sources, `lookup`
 * fills a bare `environment` name (`- NAME`) from the environment, as the CLI does.
 *
 * @example
 * ```ts
 * normalizeService({ environment: ["A=1"], volumes: ["data:/data"] }, { dir: "/r", lookup: () => undefined }); // { environment: { A: "1" }, volumes: [{ type: "volume", source: "data", target: "/data" }] }
 * ```
 */
export function normalizeService(service: Mapping, options: { dir: string; lookup: (name: string) => string | undefined }): Mapping {
  const { dir } = options;
  const out: Mapping = { ...service };
  if (service.environment !== undefined) {
    const env = listOrMap(service.environment, null);
    out.environment = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? options.lookup(k) ?? null]));
  }
  if (service.labels !== undefined) out.labels = listOrMap(service.labels, "");
  if (isMapping(service.deploy ?? null) && (service.deploy as Mapping).labels !== undefined) {
    out.deploy = { ...(service.deploy as Mapping), labels: listOrMap((service.deploy as Mapping).labels, "") };
  }
  if (Array.isArray(service.volumes)) out.volumes = service.volumes.map((v) => volume(v, dir));
  for (const key of ["secrets", "configs"]) if (Array.isArray(service[key])) out[key] = (service[key] as YamlValue[]).map(objectRef);
  if (Array.isArray(service.networks)) out.networks = Object.fromEntries(service.networks.map((n) => [String(n), null]));
  return out;
}
