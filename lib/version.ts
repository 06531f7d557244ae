/**
 * The package version (kept equal to package.json and deno.json by a unit test).
 *
 * @example
 * ```ts
 * console.log(`cc-warm ${VERSION}`);
 * ```
 */
export const VERSION: string = "0.1.0";
