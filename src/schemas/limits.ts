/**
 * Egress policies a sandbox's network can default to.
 *
 * @example
 * ```ts
 * EGRESS_POLICIES.includes('deny'); // true
 * ```
 */
export const EGRESS_POLICIES = ['allow', 'deny'] as const;

/**
 * Every number the contract fixes, written once. Schemas, the SDK, the mock and the
 * OpenAPI document read them from here; nothing restates them as a second literal.
 *
 * @example
 * ```ts
 * import { LIMITS } from 'runra';
 * LIMITS.resources.cpu.values; // [2, 4, 8]
 * ```
 */
export const LIMITS = {
  image: { maxLength: 256 },
  resources: {
    cpu: { values: [2, 4, 8] as const, default: 2 },
    memoryMb: { min: 2048, max: 16_384, default: 4096 },
    diskMb: { min: 5120, max: 51_200, default: 10_240 },
  },
  workdir: { default: '/workspace' },
  timeoutMs: { min: 1, max: 86_400_000, default: 300_000 },
  idleTimeoutMs: { min: 0, max: 86_400_000, default: 120_000 },
  metadata: { maxKeys: 20, keyMaxLength: 64, valueMaxLength: 256 },
  egressAllow: { maxItems: 100 },
  network: { egressDefault: 'allow' as (typeof EGRESS_POLICIES)[number] },
  /** How long the server remembers an `Idempotency-Key` (per API key). */
  idempotency: { ttlMs: 86_400_000 },
  list: { limit: { min: 1, max: 100, default: 20 }, offset: { min: 0, default: 0 } },
  /** Request bodies above this many bytes are answered 413 `PAYLOAD_TOO_LARGE`. */
  maxBodyBytes: 1_048_576,
} as const;

/**
 * The lifecycle states this version of the contract knows, in lifecycle order.
 *
 * @example
 * ```ts
 * for (const state of SANDBOX_STATES) console.log(state); // creating, running, paused, terminated
 * ```
 */
export const SANDBOX_STATES = ['creating', 'running', 'paused', 'terminated'] as const;

/**
 * The published base URL of the Sandboxes API (every path is under `/v1`).
 *
 * @example
 * ```ts
 * new Runra({ baseURL: API_BASE_URL }); // the default anyway
 * ```
 */
export const API_BASE_URL = 'https://api.box.runra.dev';
