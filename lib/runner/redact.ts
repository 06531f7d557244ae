/**
 * Masks registered secret values in text. Every event and error of a run passes through one.
 *
 * @example
 * ```ts
 * const r = new Redactor(["hunter2"]);
 * r.redact("password is hunter2"); // "password is ***"
 * ```
 */
export class Redactor {
  #secrets: string[] = [];
  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }
  /** Register a secret (values shorter than 4 characters are ignored: too likely to mask prose). */
  add(secret: string): void {
    if (typeof secret !== "string" || secret.length < 4 || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    // Longest first, so a secret containing another is masked whole.
    this.#secrets.sort((a, b) => b.length - a.length);
  }
  /** True when at least one secret is registered. */
  get active(): boolean {
    return this.#secrets.length > 0;
  }
  /** Replace every registered secret in `text` by `***`. */
  redact(text: string): string {
    if (!this.#secrets.length || typeof text !== "string") return text;
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join("***");
    return out;
  }
}
