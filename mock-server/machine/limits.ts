import { LIMITS } from '../../src/schemas/index.js';
import type { DomainError } from './types.js';

/**
 * How much the state machine keeps, store by store (decisions 0215–0217). Every store is
 * bounded whatever the traffic; these are the bounds a test may want to move. Sizes are
 * estimated as the characters of the stored JSON text (about bytes for ASCII).
 *
 * @example
 * ```ts
 * // Forget terminated sandboxes one minute of mock time after they end.
 * const limits: MachineLimits = { terminatedRetentionMs: 60_000 };
 * ```
 */
export interface MachineLimits {
  /**
   * Stored first responses of idempotent POSTs (all API keys together); beyond it the
   * oldest is forgotten first. Each also expires 24 h of mock time after it was stored.
   * @default 10_000
   */
  idempotencyEntries?: number | undefined;
  /**
   * Total size of the stored first responses; beyond it the oldest is forgotten first.
   * @default 33_554_432 (32 MiB)
   */
  idempotencyBytes?: number | undefined;
  /**
   * How long a terminated sandbox stays readable, listed and re-terminable, in mock-clock
   * milliseconds from its `terminatedAt`; after it, it answers 404 `SANDBOX_NOT_FOUND`.
   * @default 86_400_000 (24 h)
   */
  terminatedRetentionMs?: number | undefined;
  /**
   * Terminated sandboxes kept (all API keys together); beyond it the earliest terminated
   * is forgotten first.
   * @default 10_000
   */
  terminatedSandboxes?: number | undefined;
  /**
   * Total size of the kept terminated sandboxes' configuration (image, env, metadata,
   * egress list, workdir); beyond it the earliest terminated is forgotten first.
   * @default 67_108_864 (64 MiB)
   */
  terminatedBytes?: number | undefined;
  /**
   * Sandboxes not yet terminated (all API keys together); a create beyond it answers 503
   * `RESOURCE_EXHAUSTED`. Live sandboxes are never forgotten.
   * @default 100_000
   */
  liveSandboxes?: number | undefined;
}

/**
 * {@link MachineLimits} with every default applied: the type of `machine.limits`.
 *
 * @example
 * ```ts
 * const { terminatedRetentionMs }: ResolvedMachineLimits = api.machine.limits;
 * ```
 */
export type ResolvedMachineLimits = Required<{ [K in keyof MachineLimits]: number }>;

/**
 * The defaults of {@link MachineLimits}.
 *
 * @example
 * ```ts
 * DEFAULT_MACHINE_LIMITS.terminatedRetentionMs; // 86_400_000
 * ```
 */
export const DEFAULT_MACHINE_LIMITS: Readonly<ResolvedMachineLimits> = Object.freeze({
  idempotencyEntries: 10_000,
  idempotencyBytes: 32 * 2 ** 20,
  terminatedRetentionMs: LIMITS.idempotency.ttlMs,
  terminatedSandboxes: 10_000,
  terminatedBytes: 64 * 2 ** 20,
  liveSandboxes: 100_000,
});

/**
 * Checks that a limit is a whole number >= 0 (or `Infinity`, to lift it).
 * @throws {RangeError} naming the option otherwise.
 */
export function checkLimit(name: string, value: number): number {
  if (value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= 0)) return value;
  throw new RangeError(`limits.${name} must be an integer >= 0 or Infinity, got ${String(value)}`);
}

/**
 * The limits with defaults applied.
 * @throws {RangeError} when one is not an integer >= 0 nor `Infinity`.
 */
export function resolveMachineLimits(limits: MachineLimits = {}): ResolvedMachineLimits {
  const resolved = { ...DEFAULT_MACHINE_LIMITS };
  for (const name of Object.keys(DEFAULT_MACHINE_LIMITS) as (keyof ResolvedMachineLimits)[]) {
    const value = limits[name];
    if (value !== undefined) resolved[name] = checkLimit(name, value);
  }
  return resolved;
}

/**
 * `503 RESOURCE_EXHAUSTED`: the mock already holds `limits.liveSandboxes` live sandboxes.
 *
 * @example
 * ```ts
 * sandboxLimitReached(100_000, 1000).details; // { liveSandboxes: 100000, retryAfterMs: 1000 }
 * ```
 */
export const sandboxLimitReached = (liveSandboxes: number, retryAfterMs: number): DomainError => ({
  code: 'RESOURCE_EXHAUSTED',
  message: `The mock already holds ${liveSandboxes} live sandboxes (limits.liveSandboxes): terminate some first`,
  details: { liveSandboxes, retryAfterMs },
  retryAfterMs,
});
