import { createHash } from "node:crypto";
import { InputError } from "../errors.ts";
import { parseInput, realmNameSchema } from "../validate/mod.ts";

/**
 * Realm names cc-warm makes: `<parent>-<6 hex>` (at most 64 characters, checked separately).
 *
 * @example
 * ```ts
 * MANAGED_REALM_PATTERN.test("demo-1a2b3c"); // true
 * ```
 */
export const MANAGED_REALM_PATTERN: RegExp = /^([a-z0-9]+(?:-[a-z0-9]+)*)-([0-9a-f]{6})$/;

/**
 * The run's label: the first DNS label of a per-run domain, or the part of a docker stack name
 * before the first `_` (stack names are the domain with dots turned into underscores). Both
 * give the same label, so a realm can be matched to a live stack.
 *
 * @example
 * ```ts
 * runLabel("docs-pr12-4f1e.ci.example.org"); // "docs-pr12-4f1e"
 * runLabel("docs-pr12-4f1e_ci_example_org"); // "docs-pr12-4f1e"
 * ```
 */
export function runLabel(domainOrStack: string): string {
  const label = domainOrStack.trim().toLowerCase().split(/[._]/)[0] ?? "";
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label)) throw new InputError("runLabel", `must start with a DNS label (got ${JSON.stringify(domainOrStack.slice(0, 80))})`);
  return label;
}

/**
 * Six hex characters identifying a run: the first 24 bits of sha256 of its {@linkcode runLabel}.
 *
 * @example
 * ```ts
 * runHex("docs-pr12-4f1e.ci.example.org") === runHex("docs-pr12-4f1e_ci_example_org"); // true
 * ```
 */
export function runHex(domainOrStack: string): string {
  return createHash("sha256").update(runLabel(domainOrStack)).digest("hex").slice(0, 6);
}

/**
 * The realm for one dependent run: `<parent>-<runHex>`. `parent` (usually the recipe) is
 * truncated so the name fits 64 characters; the hex keeps runs of one parent apart.
 *
 * @example
 * ```ts
 * realmName("lasuite-docs", "lasuite-docs-pr12-4f1e.ci.example.org"); // "lasuite-docs-<6 hex>"
 * ```
 */
export function realmName(parent: string, runLabelOrDomain: string): string {
  // Any length is fine for the parent (it is truncated); its characters must already be valid.
  if (parent.length > 253 || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(parent)) {
    throw new InputError("parent", `must be lowercase letters, digits and single hyphens (got ${JSON.stringify(parent.slice(0, 80))})`);
  }
  const head = parent.slice(0, 64 - 7).replace(/-+$/, "");
  return parseInput("realm", realmNameSchema, `${head}-${runHex(runLabelOrDomain)}`);
}

/**
 * Split a managed realm name into parent and run hex; `undefined` for any other name
 * (including `master`).
 *
 * @example
 * ```ts
 * parseRealmName("demo-1a2b3c"); // { parent: "demo", hex: "1a2b3c" }
 * ```
 */
export function parseRealmName(name: string): { parent: string; hex: string } | undefined {
  if (name.length > 64) return undefined;
  const m = MANAGED_REALM_PATTERN.exec(name);
  return m ? { parent: m[1]!, hex: m[2]! } : undefined;
}
