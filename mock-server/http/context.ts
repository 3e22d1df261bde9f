import type { Hono } from 'hono';
import type { Machine } from '../machine/machine.js';
import type { MockSnapshot } from '../machine/snapshot.js';
import type { FaultRegistry } from './faults.js';
import type { Journal } from './journal.js';
import type { RequestScope } from './responses.js';

/** What the control routes act on (the `MockApi` provides it). */
export interface ControlPlane {
  /** `'manual'` clocks can be advanced; the others cannot. */
  readonly clockKind: 'system' | 'manual' | 'custom';
  advanceClock(ms: number): void;
  reset(): void;
  exportState(): MockSnapshot;
  /** @throws {InvalidSnapshotError} */
  importState(snapshot: unknown): void;
}

/** Everything the fetch handler needs. */
export interface HandlerDeps {
  machine: Machine;
  /** When given, only these API keys are accepted. */
  apiKeys: ReadonlySet<string> | undefined;
  faults: FaultRegistry;
  journal: Journal;
  nextRequestId(): string;
  control: ControlPlane;
}

/** The per-request bindings handed to Hono (`c.env`). */
export type Scope = RequestScope;

/** The Hono app type of the mock. */
export type MockApp = Hono<{ Bindings: Scope }>;
