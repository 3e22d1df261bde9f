/**
 * The reference state machine of the Sandboxes API: pure, clock-driven, no HTTP.
 *
 * @module
 */

export { DEFAULT_START_TIME, ManualClock, parseInstant, toIso } from './clock.js';
export { IDEMPOTENCY_TTL_MS } from './idempotency.js';
export type { MachineLimits, ResolvedMachineLimits } from './limits.js';
export { DEFAULT_MACHINE_LIMITS } from './limits.js';
export { CAPACITY_RETRY_AFTER_MS, Machine } from './machine.js';
export { apiKeyOwner } from './owner.js';
export { newRequestId, newSandboxId, SeededRandom } from './random.js';
export type { MockSnapshot, SnapshotOwner, SnapshotSandbox } from './snapshot.js';
export { InvalidSnapshotError } from './snapshot.js';
export type {
  Clock,
  CreateRateLimit,
  DomainError,
  ListQuery,
  MachineOptions,
  Outcome,
  SandboxRecord,
  StoreSizes,
} from './types.js';
