/**
 * cc-warm: the warm-data lane for Co-op Cloud recipe CI.
 * @module
 */
export * from "./lib/runner/mod.ts";
export * from "./lib/config/mod.ts";
export * from "./lib/validate/mod.ts";
export * from "./lib/errors.ts";
