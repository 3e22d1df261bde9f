import type { Sandbox } from '../src/schemas/index.js';
import type { ControlPlane } from './http/context.js';
import { type FaultHandle, type FaultInfo, FaultRegistry, type FaultRule } from './http/faults.js';
import { createFetchHandler } from './http/handler.js';
import { DEFAULT_JOURNAL_LIMITS, Journal, type JournalEntry, type JournalLimits } from './http/journal.js';
import { DEFAULT_START_TIME, ManualClock, parseInstant } from './machine/clock.js';
import { DEFAULT_MACHINE_LIMITS, type MachineLimits } from './machine/limits.js';
import { Machine } from './machine/machine.js';
import { newRequestId, SeededRandom } from './machine/random.js';
import type { MockSnapshot } from './machine/snapshot.js';
import type { Clock, CreateRateLimit, Outcome } from './machine/types.js';

export type { MockSnapshot, SnapshotOwner, SnapshotSandbox } from './machine/snapshot.js';

/**
 * What the mock keeps at most, store by store, so its memory stays bounded whatever the
 * traffic (decision 0215): stored idempotent responses, terminated sandboxes, live
 * sandboxes, and the journal. Every field has a default; `Infinity` lifts a bound.
 *
 * @example
 * ```ts
 * // Terminated sandboxes answer 404 one minute of mock time after they end.
 * createMockApi({ clock: 'manual', limits: { terminatedRetentionMs: 60_000 } });
 * ```
 */
export interface MockLimits extends MachineLimits, JournalLimits {}

const LIMIT_NAMES = new Set([...Object.keys(DEFAULT_MACHINE_LIMITS), ...Object.keys(DEFAULT_JOURNAL_LIMITS)]);

/** The limits split between the machine and the journal; an unknown name is refused. */
function splitLimits(limits: MockLimits = {}): { machine: MachineLimits; journal: JournalLimits } {
  for (const name of Object.keys(limits)) {
    if (!LIMIT_NAMES.has(name)) {
      throw new RangeError(`limits.${name} is not a limit; known: ${[...LIMIT_NAMES].join(', ')}`);
    }
  }
  const { journalEntries, journalBytes, ...machine } = limits;
  return { machine, journal: { journalEntries, journalBytes } };
}

/**
 * Options of {@link createMockApi}. Everything is optional: the default is a mock on the
 * system clock with no boot time, unlimited capacity and rate, and any well-formed key.
 *
 * @example
 * ```ts
 * const options: MockApiOptions = { clock: 'manual', bootMs: 5000, capacityCpu: 16, seed: 42 };
 * ```
 */
export interface MockApiOptions {
  /**
   * The time source: the system clock, a manual clock moved with `clock.advance(ms)`, or
   * any `{ now(): number }` (epoch ms).
   * @default 'system'
   */
  clock?: 'system' | 'manual' | Clock | undefined;
  /**
   * Where a manual clock starts (epoch ms or ISO 8601).
   * @default '2026-06-15T10:30:00.000Z'
   */
  startTime?: number | string | undefined;
  /**
   * How long a new sandbox stays `creating` before it is `running`.
   * @default 0
   */
  bootMs?: number | undefined;
  /**
   * Compute capacity in vCPUs, shared by every API key.
   * @default Infinity
   */
  capacityCpu?: number | undefined;
  /** Creation rate limit per API key, e.g. `{ limit: 10, windowMs: 60_000 }`; unlimited when absent. */
  createRateLimit?: CreateRateLimit | undefined;
  /** Seed of sandbox ids, request ids and fault fractions; random when absent. */
  seed?: number | undefined;
  /** Accept only these API keys (others answer 401); any well-formed key when absent. */
  apiKeys?: readonly string[] | undefined;
  /** A snapshot to load on start (and again on every `reset()`). */
  state?: MockSnapshot | undefined;
  /** What each store keeps at most; see {@link MockLimits} for the defaults. */
  limits?: MockLimits | undefined;
}

/**
 * The mock's clock as the control plane sees it.
 *
 * @example
 * ```ts
 * const api = createMockApi({ clock: 'manual' });
 * api.clock.advance(120_000);
 * ```
 */
export interface MockClock {
  /** `'manual'` when it only moves on `advance`. */
  readonly kind: 'system' | 'manual' | 'custom';
  /** The current instant, epoch ms. */
  now(): number;
  /**
   * Moves a manual clock forward by `ms`.
   * @throws {TypeError} unless the clock is manual.
   * @throws {RangeError} when `ms` is not a non-negative integer.
   */
  advance(ms: number): void;
}

/**
 * Fault injection: make matching requests fail, wait or drop.
 *
 * @example
 * ```ts
 * api.faults.add({ method: 'POST', path: '/v1/sandboxes', times: 1, error: { code: 'RATE_LIMITED' } });
 * ```
 */
export interface MockFaults {
  /**
   * Registers a fault.
   * @throws {InvalidFaultError} for a rule that cannot work.
   */
  add(rule: FaultRule): FaultHandle;
  /** The faults still registered. */
  list(): FaultInfo[];
  /** Removes every fault. */
  clear(): void;
}

/**
 * The request journal.
 *
 * @example
 * ```ts
 * api.journal.entries().map((e) => `${e.method} ${e.path} ${e.status}`);
 * ```
 */
export interface MockJournal {
  /** The latest entries, oldest first. */
  entries(): JournalEntry[];
  clear(): void;
}

/**
 * An in-process mock of the Sandboxes API with its control plane.
 *
 * @example
 * ```ts
 * const api = createMockApi({ clock: 'manual' });
 * const runra = new Runra({ apiKey: 'sk_test_1', fetch: api.fetch });
 * ```
 */
export interface MockApi {
  /** The fetch handler: hand it to `new Runra({ fetch: api.fetch })`. Safe to detach. */
  fetch(request: Request): Promise<Response>;
  clock: MockClock;
  /**
   * Back to the state right after creation: no sandboxes (or `options.state`), journal and
   * faults cleared, a manual clock restarted. With a `seed`, the id sequences restart too
   * (the same ids again); without one they go on, so no id is handed out twice.
   */
  reset(): void;
  faults: MockFaults;
  journal: MockJournal;
  /** The whole state, JSON-serialisable. */
  exportState(): MockSnapshot;
  /**
   * Replaces the state with a snapshot; a manual clock is set to the snapshot's `now`.
   * @throws {InvalidSnapshotError} when the snapshot breaks the contract (nothing changes).
   */
  importState(snapshot: MockSnapshot): void;
  /** Simulates an execution request, as `POST /_mock/sandboxes/:id/activity` does. */
  activity(apiKey: string, id: string): Outcome<Sandbox>;
  /** The pure state machine behind the HTTP layer. */
  machine: Machine;
}

// Independent streams, so request ids and fault draws never shift the sandbox ids.
const REQUEST_ID_STREAM = 0x5bd1e995;
const FAULT_STREAM = 0x27d4eb2d;

function buildClock(options: MockApiOptions): {
  clock: MockClock;
  manual: ManualClock | undefined;
  start: number;
} {
  const choice = options.clock ?? 'system';
  const start = options.startTime === undefined ? DEFAULT_START_TIME : parseInstant(options.startTime);
  if (choice === 'manual') {
    const manual = new ManualClock(start);
    return {
      clock: { kind: 'manual', now: () => manual.now(), advance: (ms) => manual.advance(ms) },
      manual,
      start,
    };
  }
  const source: Clock = choice === 'system' ? { now: () => Date.now() } : choice;
  const kind = choice === 'system' ? 'system' : 'custom';
  const advance = () => {
    throw new TypeError(`The mock clock is ${kind}: only a manual clock (clock: 'manual') can be advanced`);
  };
  return { clock: { kind, now: () => source.now(), advance }, manual: undefined, start };
}

/**
 * Creates an in-process mock of the Sandboxes API: the reference state machine behind a
 * fetch handler, plus its control plane (clock, faults, journal, snapshots).
 *
 * @example
 * ```ts
 * import { Runra } from 'runra';
 * import { createMockApi } from 'runra/mock';
 *
 * const api = createMockApi({ clock: 'manual' });
 * const runra = new Runra({ apiKey: 'sk_test_1', fetch: api.fetch });
 * const sandbox = await runra.sandboxes.create({ image: 'node:22' });
 * api.clock.advance(120_000); // the default idle timeout
 * (await runra.sandboxes.get(sandbox.id)).state; // 'paused'
 * ```
 * @throws {RangeError} when `startTime` is not an instant, or a limit is unknown or not an
 * integer >= 0 nor `Infinity`.
 * @throws {InvalidSnapshotError} when `state` is not a valid snapshot.
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const { clock, manual, start } = buildClock(options);
  const limits = splitLimits(options.limits);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const machine = new Machine({
    clock,
    bootMs: options.bootMs ?? 0,
    capacityCpu: options.capacityCpu ?? Number.POSITIVE_INFINITY,
    seed,
    limits: limits.machine,
    ...(options.createRateLimit ? { createRateLimit: options.createRateLimit } : {}),
  });
  let requestIds = new SeededRandom(seed ^ REQUEST_ID_STREAM);
  let faultDraws = new SeededRandom(seed ^ FAULT_STREAM);
  const faults = new FaultRegistry(() => faultDraws);
  const journal = new Journal(limits.journal);

  const importState = (snapshot: unknown): void => {
    const now = machine.importState(snapshot);
    if (manual !== undefined && now !== undefined) manual.set(now);
  };
  // With a seed, a reset replays the same ids (reproducible runs); without one, the
  // sequences go on, so no sandbox or request id is handed out twice by this mock.
  const seeded = options.seed !== undefined;
  const reset = (): void => {
    manual?.set(start);
    machine.reset({ continueIds: !seeded });
    if (options.state !== undefined) importState(options.state);
    if (seeded) {
      requestIds = new SeededRandom(seed ^ REQUEST_ID_STREAM);
      faultDraws = new SeededRandom(seed ^ FAULT_STREAM);
    }
    faults.clear();
    journal.clear();
  };
  if (options.state !== undefined) importState(options.state);

  const control: ControlPlane = {
    clockKind: clock.kind,
    advanceClock: (ms) => clock.advance(ms),
    reset,
    exportState: () => machine.exportState(),
    importState,
  };
  const fetch = createFetchHandler({
    machine,
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    faults,
    journal,
    nextRequestId: () => newRequestId(requestIds),
    control,
  });

  return {
    fetch,
    clock,
    reset,
    faults: { add: (rule) => faults.add(rule), list: () => faults.list(), clear: () => faults.clear() },
    journal: { entries: () => journal.entries(), clear: () => journal.clear() },
    exportState: () => machine.exportState(),
    importState,
    activity: (apiKey, id) => machine.activity(apiKey, id),
    machine,
  };
}
