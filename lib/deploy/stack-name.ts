import { createHash } from "node:crypto";
import { parseInput } from "../validate/parse.ts";
import { domainSchema, stackNameSchema } from "../validate/names.ts";

/** Longest stack name: `<stack>_<secret>_<version>` must fit Swarm's 64 characters. */
export const MAX_STACK_NAME_LENGTH = 40;

/**
 * The stack name for an app domain: dots become underscores (the common Co-op Cloud scheme);
 * a name over 40 characters is cut and suffixed with a short hash of the domain, so distinct
 * long domains never share a stack.
 *
 * @example
 * ```ts
 * stackNameFromDomain("warm-demo.ci.local"); // "warm-demo_ci_local"
 * ```
 */
export function stackNameFromDomain(domain: string): string {
  const d = parseInput("domain", domainSchema, domain);
  let name = d.replace(/\./g, "_");
  if (name.length > MAX_STACK_NAME_LENGTH) {
    const hash = createHash("sha256").update(d).digest("hex").slice(0, 8);
    name = `${name.slice(0, MAX_STACK_NAME_LENGTH - hash.length - 1).replace(/[_-]+$/, "")}_${hash}`;
  }
  return parseInput("stack", stackNameSchema, name);
}
