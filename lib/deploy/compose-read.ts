/**
 * Reading a rendered compose document (what `docker stack config` prints, or cc-warm's own
 * render) completely: YAML through {@linkcode readYaml}, then a check that every secret,
 * config, network and named volume a service uses is declared, so a truncated document is an
 * error instead of a deploy with secrets missing.
 * @module
 */
import { InfraError } from "../errors.ts";
import type { RenderedCompose } from "./compose.ts";
import { isMapping, type Mapping } from "./compose-normalize.ts";
import { readYaml, type YamlValue } from "./yaml.ts";

/**
 * Parse rendered compose text; throws `InfraError` (with the `YamlError` naming the line as
 * `cause`) when it is not complete.
 *
 * @example
 * ```ts
 * const c = readRenderedCompose(stdout, { source: "docker stack config" });
 * ```
 */
export function readRenderedCompose(text: string, options: { source: string }): RenderedCompose {
  let doc: YamlValue;
  try {
    doc = readYaml(text, options);
  } catch (cause) {
    throw new InfraError(`cannot read the rendered compose: ${(cause as Error).message}`, { cause });
  }
  return checkRenderedCompose(doc, { source: options.source, text });
}

/**
 * Check that a rendered compose document is whole (a services mapping; every reference
 * declared) and return it typed; throws `InfraError`.
 *
 * @example
 * ```ts
 * checkRenderedCompose({ services: { app: { image: "x" } } }, { source: "render", text: "" });
 * ```
 */
export function checkRenderedCompose(doc: YamlValue, options: { source: string; text: string }): RenderedCompose {
  if (!isMapping(doc) || !isMapping(doc.services ?? null)) {
    throw new InfraError(`${options.source}: the rendered compose has no services mapping (truncated or not a compose file?)`);
  }
  for (const [name, service] of Object.entries(doc.services as Mapping)) {
    if (!isMapping(service)) throw new InfraError(`${options.source}: service ${name} is not a mapping`);
    for (const [key, ref] of usedReferences(service)) {
      if (!isMapping(doc[key] ?? null) || (doc[key] as Mapping)[ref] === undefined) {
        throw new InfraError(`${options.source}: service ${name} uses ${key.replace(/s$/, "")} ${ref}, which the document does not declare (truncated output?)`);
      }
    }
  }
  return { ...(doc as unknown as Omit<RenderedCompose, "text">), text: options.text };
}

/** The top-level objects a (normalised, long-form) service refers to, as [section, name]. */
function usedReferences(service: Mapping): [string, string][] {
  const out: [string, string][] = [];
  const items = (v: YamlValue | undefined): YamlValue[] => (Array.isArray(v) ? v : []);
  for (const key of ["secrets", "configs"]) {
    for (const s of items(service[key])) out.push([key, isMapping(s) ? String(s.source) : String(s)]);
  }
  for (const v of items(service.volumes)) {
    if (isMapping(v) && (v.type ?? "volume") === "volume" && typeof v.source === "string" && v.source) out.push(["volumes", v.source]);
  }
  const nets = service.networks;
  // "default" is the stack's implicit network: it need not be declared.
  for (const n of isMapping(nets ?? null) ? Object.keys(nets as Mapping) : items(nets).map(String)) if (n !== "default") out.push(["networks", n]);
  return out;
}
