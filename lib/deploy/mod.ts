/**
 * Deployers (docker-stack, abra) behind one small interface, and the pieces they share: app
 * env files, compose rendering, versioned secrets, converge checks, stack removal, volumes.
 * @module
 */
export type { AppRef, DeployOptions, DeployResult, Deployer } from "./types.ts";
export { createDeployer } from "./factory.ts";
export { DockerStackDeployer } from "./docker-stack.ts";
export type { DockerStackDeployerOptions } from "./docker-stack.ts";
export { AbraDeployer } from "./abra.ts";
export type { AbraDeployerOptions } from "./abra.ts";
export { ABRA_VERSION_SERIES, checkAbraBinary, parseAbraVersion, preflightDeployer } from "./abra-version.ts";
export type { RunProgram } from "./abra-version.ts";
export { cloneRecipe, defaultSharedAbraDir, prepareAbraDir, reapStaleAbraDirs, recipeSource, STALE_ABRA_DIR_MS } from "./abra-dir.ts";
export { abraDeployArgs, abraNewArgs, abraSecretGenerateArgs, abraUndeployArgs } from "./abra-args.ts";
export type { AbraDeployFlags } from "./abra-args.ts";
export { abraTarget } from "./abra-ref.ts";
export type { AbraTarget } from "./abra-ref.ts";
export { setAppEnvValues } from "./abra-env.ts";
export { abraFailureTail, scrubAbraOutput } from "./abra-scrub.ts";
export { ABRA_MAX_STACK_NAME_LENGTH, abraStackName, assertAbraStackName, confirmStackFromLabels } from "./abra-stack.ts";
export { MAX_STACK_NAME_LENGTH, stackNameFromDomain } from "./stack-name.ts";
export { expandVars, parseEnvFile } from "./dotenv.ts";
export type { EnvFile } from "./dotenv.ts";
export { appEnvPath, ensureAppEnvFile, loadAppEnv } from "./app-env.ts";
export { anonymousVolumes, composeFiles, composeLabels, excludedVolumes, renderCompose } from "./compose.ts";
export type { RenderedCompose } from "./compose.ts";
export { readYaml, YamlError } from "./yaml.ts";
export type { YamlValue } from "./yaml.ts";
export { checkRenderedCompose, readRenderedCompose } from "./compose-read.ts";
export { loadCompose } from "./compose-load.ts";
export { mergeComposeFiles } from "./compose-merge.ts";
export { isMapping, normalizeService } from "./compose-normalize.ts";
export type { Mapping } from "./compose-normalize.ts";
export { interpolate, interpolateValues } from "./interpolate.ts";
export { checkDocker, dockerSupport, MIN_DOCKER_VERSION } from "./docker-version.ts";
export type { DockerSupport } from "./docker-version.ts";
export { convergeTimeoutMs, deployTimeoutLabelMs } from "./deploy-timeout.ts";
export { DEFAULT_SECRET_LENGTH, SECRET_CHARSETS, secretValue } from "./secret-value.ts";
export { ensureSecrets, removeGeneratedSecrets, SECRET_OWNER_LABEL } from "./secrets.ts";
export type { SecretsReport } from "./secrets.ts";
export { checkoutRecipe } from "./checkout.ts";
export type { RecipeCheckout } from "./checkout.ts";
export { ConvergeError, waitStackConverged } from "./converge.ts";
export type { ConvergeOptions, ConvergeReport } from "./converge.ts";
export { checkConverged, judgeService } from "./converge-check.ts";
export type { ConvergeCheck, ConvergeCheckOptions, ServiceStatus, ServiceVerdict } from "./converge-check.ts";
export { isOneShot, judgeOneShot, newestFirst } from "./converge-oneshot.ts";
export { readStackState } from "./stack-state.ts";
export type { ServiceInfo, ServiceMode, TaskInfo } from "./stack-state.ts";
export { parseStackState } from "./stack-parse.ts";
export type { RawStackState } from "./stack-parse.ts";
export { normalizeTaskSpec, sameTaskSpec } from "./task-spec.ts";
export { removeStack, settleRemovedStack, stackLeftovers, stackStopGrace, stopStackContainers, waitHalfRemovedStack, waitStackGone } from "./undeploy.ts";
export { listStackVolumes } from "./volumes.ts";
export type { AppVolume } from "./volumes.ts";
export { execInService } from "./exec.ts";
export { stackImageDigests, stackIsDeployed, stackServiceLabels, validateApp } from "./stack-common.ts";
