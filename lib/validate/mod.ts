/**
 * Input validation: schemas for names, refs, domains and paths, and a parse helper that throws
 * an `InputError` naming the key.
 * @module
 */
export * from "./names.ts";
export { describeIssues, parseInput } from "./parse.ts";
