import type { ErrorCode, KnownSandboxState } from '../../src/schemas/index.js';
import type { MachineLimits } from './limits.js';

/**
 * The time source the machine judges every timer against, in epoch milliseconds.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => Date.parse('2026-06-15T10:30:00.000Z') };
 * ```
 */
export interface Clock {
  /** The current instant in epoch milliseconds. */
  now(): number;
}

/**
 * A refusal of a command, as the contract names it. The HTTP layer answers it with
 * `ERROR_STATUS[code]` and the error envelope.
 *
 * @example
 * ```ts
 * const outcome = machine.get('sk_test_1', 'sb_missing');
 * if (!outcome.ok) outcome.error.code; // 'SANDBOX_NOT_FOUND'
 * ```
 */
export interface DomainError {
  /** The contract's error code. */
  code: ErrorCode;
  /** A human-readable message, e.g. `Sandbox sb_… not found`. */
  message: string;
  /** Structured details, e.g. `{ sandboxId, currentState }`. */
  details?: unknown;
  /** For `RATE_LIMITED` and `RESOURCE_EXHAUSTED`: how long to wait before retrying. */
  retryAfterMs?: number;
}

/**
 * What every machine command returns: a value or a typed refusal. Nothing is thrown.
 *
 * @example
 * ```ts
 * const outcome: Outcome<Sandbox> = machine.create('sk_test_1', { image: 'node:22' });
 * if (outcome.ok) outcome.value.id;
 * ```
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** The machine's own record of one sandbox: epoch-ms timestamps and timer bookkeeping. */
export interface SandboxRecord {
  id: string;
  /** The owner id of the API key that created it (`apiKeyOwner(key)`), never the key itself. */
  apiKey: string;
  /** That key masked (`maskApiKey(key)`, e.g. `sk_…a1b2`), for people reading the state; absent when unknown. */
  keyLabel?: string;
  state: KnownSandboxState;
  image: string;
  resources: { cpu: number; memoryMb: number; diskMb: number };
  env: Record<string, string>;
  workdir: string;
  timeoutMs: number;
  idleTimeoutMs: number;
  metadata: Record<string, string>;
  network: { egress: { allow?: string[]; default: string } };
  createdAt: number;
  startedAt?: number;
  pausedAt?: number;
  resumedAt?: number;
  terminatedAt?: number;
  /** When `creating` ends (`createdAt + bootMs`). */
  bootEndsAt: number;
  /** The last activity: reaching `running` (boot, resume) or an execution request. */
  lastActivityAt?: number;
}

/**
 * The per-API-key creation rate limit: at most `limit` creates in any `windowMs`.
 *
 * @example
 * ```ts
 * const rule: CreateRateLimit = { limit: 10, windowMs: 60_000 };
 * ```
 */
export interface CreateRateLimit {
  /** Creates allowed per window. */
  limit: number;
  /** The sliding window, in milliseconds. */
  windowMs: number;
}

/**
 * How a {@link Machine} is built.
 *
 * @example
 * ```ts
 * const machine = new Machine({ clock: new ManualClock(0), bootMs: 5000, capacityCpu: 16 });
 * ```
 */
export interface MachineOptions {
  /** The time source. */
  clock: Clock;
  /**
   * How long a new sandbox stays `creating`.
   * @default 0
   */
  bootMs?: number;
  /**
   * Compute capacity in vCPUs, shared by all API keys.
   * @default Infinity
   */
  capacityCpu?: number;
  /** Per-API-key creation rate limit; unlimited when absent. */
  createRateLimit?: CreateRateLimit;
  /**
   * Seed of the sandbox-id generator.
   * @default 1
   */
  seed?: number;
  /** What each store keeps at most; every field has a default (see {@link MachineLimits}). */
  limits?: MachineLimits | undefined;
}

/**
 * A validated list query: filters (ANDed) and the page.
 *
 * @example
 * ```ts
 * const query: ListQuery = { state: 'running', metadata: { userId: 'u1' }, limit: 20, offset: 0 };
 * ```
 */
export interface ListQuery {
  state?: KnownSandboxState;
  image?: string;
  metadata?: Record<string, string>;
  limit: number;
  offset: number;
}

/**
 * Hears every change the machine makes to its sandboxes (see `Machine.observe`).
 *
 * @example
 * ```ts
 * const observer: MachineObserver = { changed: (record) => seen.add(record.id), replaced: () => seen.clear() };
 * ```
 * @internal
 */
export interface MachineObserver {
  /** A sandbox was created or changed; `record` is the machine's own (read it, never change it). */
  changed(record: Readonly<SandboxRecord>): void;
  /** Every sandbox is about to be replaced (reset, import): forget what you hold. */
  replaced(): void;
}

/**
 * How much each store of the state machine holds now: `machine.storeSizes()`. Sizes are
 * estimated characters, as the limits count them.
 *
 * @example
 * ```ts
 * const { terminatedSandboxes, idempotencyEntries }: StoreSizes = api.machine.storeSizes();
 * ```
 */
export interface StoreSizes {
  /** Sandboxes not terminated. */
  liveSandboxes: number;
  /** Terminated sandboxes still readable. */
  terminatedSandboxes: number;
  /** Their estimated size. */
  terminatedBytes: number;
  /** Stored first responses of idempotent POSTs. */
  idempotencyEntries: number;
  /** Their estimated size. */
  idempotencyBytes: number;
  /** Scheduled timer deadlines (at most one per live sandbox). */
  deadlines: number;
  /** Creates logged by the rate limiter, all keys together. */
  rateLogEntries: number;
  /** API keys with at least one logged create. */
  rateLogKeys: number;
}
