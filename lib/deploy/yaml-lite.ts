/**
 * A reader for the YAML that `docker stack config` prints (Docker's own marshaller: block
 * mappings and sequences, plain/quoted scalars, `{}`/`[]`, `|` block scalars). It is not a general
 * YAML parser; anchors, flow collections with content and multi-documents are rejected.
 * @module
 */
import { InfraError } from "../errors.ts";

/** A YAML value as read here: scalars stay strings (or null); no type guessing. */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

interface Line { indent: number; text: string; no: number }

/**
 * Parse the output of `docker stack config`.
 *
 * @example
 * ```ts
 * parseDockerYaml("services:\n  app:\n    image: busybox\n"); // { services: { app: { image: "busybox" } } }
 * ```
 */
export function parseDockerYaml(text: string): YamlValue {
  const lines: Line[] = [];
  text.split("\n").forEach((raw, no) => {
    if (!raw.trim() || raw.trimStart().startsWith("#")) return lines.push({ indent: -1, text: raw, no });
    lines.push({ indent: raw.length - raw.trimStart().length, text: raw.trim(), no });
  });
  const pos = { i: 0 };
  skipBlank(lines, pos);
  return pos.i < lines.length ? parseBlock(lines, pos, lines[pos.i]!.indent) : null;
}

function skipBlank(lines: Line[], pos: { i: number }): void {
  while (pos.i < lines.length && lines[pos.i]!.indent < 0) pos.i++;
}

function fail(line: Line | undefined, why: string): never {
  throw new InfraError(`cannot read docker stack config output at line ${(line?.no ?? 0) + 1}: ${why}`);
}

function parseBlock(lines: Line[], pos: { i: number }, indent: number): YamlValue {
  const first = lines[pos.i]!;
  if (first.text === "-" || first.text.startsWith("- ")) {
    const out: YamlValue[] = [];
    while (pos.i < lines.length && lines[pos.i]!.indent === indent && /^-( |$)/.test(lines[pos.i]!.text)) {
      const line = lines[pos.i]!;
      const rest = line.text.slice(1).trimStart();
      if (!rest) {
        pos.i++;
        skipBlank(lines, pos);
        out.push(pos.i < lines.length && lines[pos.i]!.indent > indent ? parseBlock(lines, pos, lines[pos.i]!.indent) : null);
        continue;
      }
      if (/^[|>]-?$/.test(rest)) {
        pos.i++;
        out.push(blockScalar(lines, pos, indent, rest));
        skipBlank(lines, pos);
        continue;
      }
      // "- key: value" opens a mapping whose keys sit at the column after "- ".
      lines[pos.i] = { indent: indent + (line.text.length - rest.length), text: rest, no: line.no };
      out.push(parseBlock(lines, pos, lines[pos.i]!.indent));
      skipBlank(lines, pos);
    }
    return out;
  }
  if (isKeyLine(first.text)) {
    const out: Record<string, YamlValue> = {};
    while (pos.i < lines.length && lines[pos.i]!.indent === indent) {
      const line = lines[pos.i]!;
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"][^:]*?):(?: (.*))?$/.exec(line.text) ?? fail(line, "expected `key: value`");
      const key = String(scalar(m[1]!, line) ?? "null");
      pos.i++;
      skipBlank(lines, pos);
      const v = m[2]?.trim();
      if (v === "|" || v === "|-" || v === ">" || v === ">-") out[key] = blockScalar(lines, pos, indent, v);
      else if (v !== undefined && v !== "") out[key] = scalar(v, line);
      else if (pos.i < lines.length && (lines[pos.i]!.indent > indent || (lines[pos.i]!.indent === indent && lines[pos.i]!.text.startsWith("- ")))) {
        out[key] = parseBlock(lines, pos, lines[pos.i]!.indent);
      } else out[key] = null;
      skipBlank(lines, pos);
    }
    return out;
  }
  pos.i++;
  return scalar(first.text, first);
}

function isKeyLine(text: string): boolean {
  return /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"\-][^:]*?|-[^ :][^:]*?):( |$)/.test(text);
}

function blockScalar(lines: Line[], pos: { i: number }, indent: number, style: string): string {
  const parts: string[] = [];
  let inner = -1;
  while (pos.i < lines.length && (lines[pos.i]!.indent < 0 || lines[pos.i]!.indent > indent)) {
    const l = lines[pos.i]!;
    if (l.indent >= 0 && inner < 0) inner = l.indent;
    parts.push(l.indent < 0 ? "" : l.text.padStart(l.text.length + l.indent - inner));
    pos.i++;
  }
  while (parts.length && parts.at(-1) === "") parts.pop();
  const body = style.startsWith(">") ? parts.join(" ") : parts.join("\n");
  return style.endsWith("-") ? body : body + "\n";
}

function scalar(s: string, line: Line): YamlValue {
  if (s === "null" || s === "~") return null;
  if (s === "{}") return {};
  if (s === "[]") return [];
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      fail(line, `unsupported double-quoted scalar`);
    }
  }
  if (/^[&*!{[]/.test(s)) fail(line, "anchors, tags and flow collections are not supported");
  return s;
}
