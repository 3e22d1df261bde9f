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

export type { MockApi, MockApiOptions, MockClock, MockFaults, MockJournal } from './api.js';
export { createMockApi } from './api.js';
export type { FaultHandle, FaultInfo, FaultRule } from './http/faults.js';
export { InvalidFaultError, MockConnectionDroppedError } from './http/faults.js';
export type { Finding } from './http/finding.js';
export type { JournalEntry } from './http/journal.js';
export { DEFAULT_START_TIME, ManualClock } from './machine/clock.js';
export { Machine } from './machine/machine.js';
export type { MockSnapshot, SnapshotSandbox } from './machine/snapshot.js';
export { InvalidSnapshotError } from './machine/snapshot.js';
export type {
  Clock,
  CreateRateLimit,
  DomainError,
  ListQuery,
  MachineOptions,
  Outcome,
} from './machine/types.js';
export type { MockServer, MockServerOptions, MockServerRequestLog } from './node/server.js';
export { startMockServer } from './node/server.js';
