/**
 * Scrubbing abra's output before any of it is quoted: abra prints fatal errors on stdout, and the
 * commands that generate secrets may print their values (as a name/value table).
 * @module
 */

const REDACTED = "[redacted]";
const TABLE_BAR = /[│┃|]/;

/** A token that looks like a generated secret: long, random-looking, not a path, URL or name. */
function looksSecret(token: string): boolean {
  const t = token.replace(/^["'`([{<]+|["'`)\]}>,;:.]+$/g, "");
  if (t.length < 12 || /^(\/|~\/|\.\/)/.test(t) || t.includes("://")) return false;
  const upper = /[A-Z]/.test(t);
  const lower = /[a-z]/.test(t);
  const digit = /[0-9]/.test(t);
  if (upper && lower && digit) return true;
  // hex or lowercase+digit strings (charset=hex secrets, tokens); names with _ or - stay readable.
  return t.length >= 20 && digit && (upper || lower) && !/[_.-]/.test(t);
}

/**
 * Remove secret values from abra output: every known value (`secrets`), every cell after the
 * first in a table row (abra prints generated secrets as a name/value table), and any token that
 * looks like a generated secret. What stays is enough to tell why abra failed.
 *
 * @example
 * ```ts
 * scrubAbraOutput("FATA db_password: Xk29fPq8LmW3zQ", { secrets: [] }); // "FATA db_password: [redacted]"
 * ```
 */
export function scrubAbraOutput(text: string, options: { secrets?: readonly string[] } = {}): string {
  let out = text;
  for (const s of [...(options.secrets ?? [])].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out
    .split("\n")
    .map((line) => {
      if (TABLE_BAR.test(line)) {
        const cells = line.split(TABLE_BAR);
        const first = cells.findIndex((c) => c.trim() !== "");
        return cells.map((c, i) => (i > first && c.trim() && !/^[\s─━┼╋+-]*$/.test(c) ? ` ${REDACTED} ` : c)).join("|");
      }
      return line.replace(/\S+/g, (tok) => (looksSecret(tok) ? REDACTED : tok));
    })
    .join("\n");
}

/**
 * The last lines of a failed abra call's stderr and stdout (abra prints fatal errors on
 * stdout), scrubbed: safe to put into an error message, an event or a log.
 *
 * @example
 * ```ts
 * abraFailureTail({ stdout: "FATA recipe not found", stderr: "" }); // "FATA recipe not found"
 * ```
 */
export function abraFailureTail(res: { stdout: string; stderr: string }, options: { secrets?: readonly string[]; lines?: number } = {}): string {
  const tail = (s: string) => s.trim().split("\n").slice(-(options.lines ?? 8)).join("\n");
  return scrubAbraOutput([tail(res.stderr), tail(res.stdout)].filter(Boolean).join("\n"), options).slice(-1200);
}
