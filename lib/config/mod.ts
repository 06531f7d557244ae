/**
 * Config: the zod schema, the loader with environment overrides, and derived types.
 * @module
 */
export { commandSchema, configSchema, infraAppConfigSchema, recipeConfigSchema, secretSourceSchema } from "./schema.ts";
export type { Config, InfraAppConfig, RecipeConfig, SecretSource } from "./types.ts";
export { CONFIG_ENV_OVERRIDES, loadConfig, safeParseConfig } from "./load.ts";
export type { LoadConfigOptions } from "./load.ts";
export { findPythonLaneState, refusePythonLaneStateDir } from "./state-dir.ts";
export { configJsonSchema } from "./json-schema.ts";
export { REDACTED, redactConfig } from "./redact.ts";
