import type { FaultRule, MockApiOptions } from '../../mock-server/index.js';
import type { ClientOptions, Runra } from '../../src/index.js';
import { LIMITS } from '../../src/schemas/index.js';

/**
 * What a target can do beyond the public API. A scenario that needs a capability the
 * target lacks is skipped, and the skip's name says which one and why.
 * - `clock`: the target's time can be moved (a manual mock clock).
 * - `faults`: the target can inject faults (errors, drops, latency).
 * - `mockConfig`: the target runs with {@link CONTRACT_MOCK_CONFIG}'s capacity and rate limit.
 * - `secondKey`: a second API key is available (tenancy).
 */
export type Capability = 'clock' | 'faults' | 'mockConfig' | 'secondKey';

/** The mock's test controls, as a target exposes them (JS calls or the HTTP control plane). */
export interface MockControl {
  /** Back to an empty mock with a fresh manual clock, faults and journal. */
  reset(): Promise<void>;
  /** Moves the manual clock. */
  advance(ms: number): Promise<void>;
  /** Registers a fault. */
  addFault(rule: FaultRule): Promise<void>;
}

/** One place the contract suite runs against. */
export interface ContractTarget {
  /** Shown in every describe title, so a failure names its target. */
  readonly name: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** The base URL requests go to (used to build deliberately broken base URLs). */
  readonly baseURL: string;
  /** Two API keys; the second is only meaningful with the `secondKey` capability. */
  readonly keys: readonly [string, string];
  /** A well-formed key the target does not know. */
  readonly unknownKey: string;
  /** A client for `apiKey` (default: the first key), as a user would build it for this target. */
  client(apiKey?: string, options?: ClientOptions): Runra;
  /** Present on mock targets only. */
  readonly control: MockControl | undefined;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

/** The keys the mock targets accept (the mock is built with `apiKeys`, so others answer 401). */
export const CONTRACT_KEYS = ['sk_test_contract_alpha_0001', 'sk_test_contract_bravo_0002'] as const;
/** A well-formed key no mock target accepts. */
export const UNKNOWN_KEY = 'sk_test_contract_unknown_9999';

const maxCpu = Math.max(...LIMITS.resources.cpu.values);

/**
 * The limits the mock targets run with, so capacity and rate-limit scenarios can reach
 * them with a handful of sandboxes. Scenarios read them from here, never as literals.
 */
export const CONTRACT_MOCK_CONFIG = {
  /** Room for eight of the largest sandboxes. */
  capacityCpu: 8 * maxCpu,
  /** Successful creates per key and window. */
  createRateLimit: { limit: 12, windowMs: 60_000 },
} as const;

/** The options every mock target is built with. */
export const CONTRACT_MOCK_OPTIONS: MockApiOptions = {
  clock: 'manual',
  seed: 4,
  apiKeys: CONTRACT_KEYS,
  capacityCpu: CONTRACT_MOCK_CONFIG.capacityCpu,
  createRateLimit: CONTRACT_MOCK_CONFIG.createRateLimit,
};

/** Every capability a mock target has. */
export const MOCK_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'clock',
  'faults',
  'mockConfig',
  'secondKey',
]);
