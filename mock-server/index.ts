/**
 * `runra/mock`: an offline mock of the Runra Sandboxes API. `createMockApi()` gives an
 * in-process fetch handler with its control plane; `startMockServer()` serves it over
 * HTTP (Node only; `node:http` is loaded only when it is called).
 *
 * @example
 * ```ts
 * import { createMockApi } from 'runra/mock';
 * const api = createMockApi({ clock: 'manual' });
 * ```
 *
 * @module runra/mock
 */

export type { MockApi, MockApiOptions, MockClock, MockFaults, MockJournal, MockLimits } from './api.js';
export { createMockApi } from './api.js';
export type { FaultHandle, FaultInfo, FaultRule } from './http/faults.js';
export { FAULT_LIMITS, InvalidFaultError, MockConnectionDroppedError } from './http/faults.js';
export type { Finding } from './http/finding.js';
export type { JournalEntry, JournalLimits } from './http/journal.js';
export { DEFAULT_JOURNAL_LIMITS } from './http/journal.js';
export type { JournalBody } from './http/journal-body.js';
export { DEFAULT_START_TIME, ManualClock } from './machine/clock.js';
export type { MachineLimits, ResolvedMachineLimits } from './machine/limits.js';
export { DEFAULT_MACHINE_LIMITS } from './machine/limits.js';
export { Machine } from './machine/machine.js';
export { apiKeyOwner } from './machine/owner.js';
export type { MockSnapshot, SnapshotOwner, SnapshotSandbox } from './machine/snapshot.js';
export { InvalidSnapshotError } from './machine/snapshot.js';
export type {
  Clock,
  CreateRateLimit,
  DomainError,
  ListQuery,
  MachineOptions,
  Outcome,
  StoreSizes,
} from './machine/types.js';
export type { MockServer, MockServerOptions, MockServerRequestLog } from './node/server.js';
export { startMockServer } from './node/server.js';
