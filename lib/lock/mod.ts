/**
 * Per-app locks: FIFO across processes (a ticket queue under `<stateDir>/locks/<name>.queue`),
 * recovered when the holder dies, with status read-outs.
 * @module
 */
export { acquireLock } from "./acquire.ts";
export { readLock, listLocks } from "./status.ts";
export { LockWaitError, describeHolder } from "./errors.ts";
export { lockNameSchema, lockPaths } from "./paths.ts";
export type { LockPaths } from "./paths.ts";
export { isHolderAlive } from "./proc.ts";
export type { AcquireLockOptions, LockHandle, LockHolder, LockStatus } from "./types.ts";
