/**
 * Values for generated secrets from the `.env.sample` hints abra reads
 * (`SECRET_X_VERSION=v1 # length=64 charset=hex`).
 * @module
 */
import { randomInt } from "node:crypto";
import { InputError } from "../errors.ts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The `charset=` values understood, and their alphabets. `hex` keys are lowercase hex digits. */
export const SECRET_CHARSETS: Readonly<Record<string, string>> = Object.freeze({
  default: ALNUM,
  alphanumeric: ALNUM,
  hex: "0123456789abcdef",
  special: `${ALNUM}!#%&*+,-./:;=?@^_~`,
});

/** Length when the hint gives none. */
export const DEFAULT_SECRET_LENGTH = 32;

/**
 * A random value for the secret whose env key is `key`, by its modifiers (`length`, `charset`);
 * uniform over the alphabet (`crypto.randomInt`). Bad hints are `InputError`s naming the key.
 *
 * @example
 * ```ts
 * secretValue("SECRET_KEY_VERSION", { length: "64", charset: "hex" }); // 64 hex digits
 * ```
 */
export function secretValue(key: string, modifiers: Record<string, string>): string {
  const length = Number(modifiers.length ?? DEFAULT_SECRET_LENGTH);
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw new InputError(key, `length=${modifiers.length} must be an integer from 1 to 4096`);
  const charset = modifiers.charset ?? "default";
  const alphabet = SECRET_CHARSETS[charset];
  if (!alphabet) throw new InputError(key, `charset=${charset} is not one of ${Object.keys(SECRET_CHARSETS).join(", ")}`);
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}
