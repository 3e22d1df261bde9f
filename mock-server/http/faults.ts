import * as z from 'zod/mini';
import { ERROR_STATUS, toFieldIssues } from '../../src/schemas/index.js';
import type { SeededRandom } from '../machine/random.js';

/**
 * What fetch shows for a dropped connection: `api.fetch` rejects with it when a `drop`
 * fault fires. It is a `TypeError`, like the error `fetch` itself throws on a network
 * failure; the Node server destroys the socket instead, the msw adapter answers
 * `HttpResponse.error()`.
 *
 * @example
 * ```ts
 * api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'after' });
 * await api.fetch(request).catch((error) => error instanceof MockConnectionDroppedError); // true
 * ```
 */
export class MockConnectionDroppedError extends TypeError {
  override readonly name = 'MockConnectionDroppedError';
  /** Whether the mock acted on the request before dropping it. */
  readonly when: 'before' | 'after';

  constructor(when: 'before' | 'after') {
    super(`fetch failed: connection dropped by a mock fault (${when} the server acted)`);
    this.when = when;
  }
}

/** What `faults.add` accepts; `FaultRule` is held equal to it by `test/sdk/types.test-d.ts`. */
export const FaultRuleSchema = z.strictObject({
  method: z.optional(z.string().check(z.regex(/^([A-Za-z]+|\*)$/, 'method must be an HTTP method or *'))),
  path: z.optional(z.string().check(z.regex(/^(\*|\/.*)$/, 'path must start with / or be *'))),
  times: z.optional(z.int().check(z.gte(1, 'times must be >= 1'))),
  fraction: z.optional(z.number().check(z.gte(0), z.lte(1))),
  error: z.optional(
    z.strictObject({
      code: z.string().check(z.minLength(1)),
      status: z.optional(z.int().check(z.gte(400), z.lte(599))),
      message: z.optional(z.string()),
      details: z.optional(z.unknown()),
      retryAfterMs: z.optional(z.int().check(z.gte(0))),
    }),
  ),
  latencyMs: z.optional(z.int().check(z.gte(0), z.lte(600_000))),
  drop: z.optional(z.enum(['before', 'after'])),
});

/**
 * A fault to inject: which requests it matches, how many times it fires, and what it does.
 * `path` is a route template (`:name` matches one segment, a trailing `*` the rest);
 * control routes (`/_mock/…`) never match. Effects: answer an `error`, wait `latencyMs`
 * (real time, then go on, or then fail/drop), or `drop` the connection.
 *
 * @example
 * ```ts
 * // The next two creates answer 503 RESOURCE_EXHAUSTED.
 * api.faults.add({ method: 'POST', path: '/v1/sandboxes', times: 2, error: { code: 'RESOURCE_EXHAUSTED' } });
 * // 10% of gets (seeded) take 200 ms longer.
 * api.faults.add({ method: 'GET', path: '/v1/sandboxes/:id', fraction: 0.1, latencyMs: 200 });
 * ```
 */
export interface FaultRule {
  method?: string | undefined;
  path?: string | undefined;
  times?: number | undefined;
  fraction?: number | undefined;
  error?:
    | {
        code: string;
        status?: number | undefined;
        message?: string | undefined;
        details?: unknown;
        retryAfterMs?: number | undefined;
      }
    | undefined;
  latencyMs?: number | undefined;
  drop?: 'before' | 'after' | undefined;
}

/**
 * A fault as registered: its id and how many firings are left (null: unlimited).
 *
 * @example
 * ```ts
 * const info: FaultInfo = api.faults.list()[0]!;
 * info.remaining; // 2
 * ```
 */
export type FaultInfo = FaultRule & { id: string; remaining: number | null };

/**
 * A registered fault: inspect or remove it.
 *
 * @example
 * ```ts
 * const fault = api.faults.add({ path: '/v1/sandboxes', error: { code: 'RATE_LIMITED' } });
 * fault.remove();
 * ```
 */
export interface FaultHandle {
  readonly id: string;
  /** Firings left (Infinity: until removed). */
  readonly remaining: number;
  /** Unregisters the fault. */
  remove(): void;
}

/**
 * Thrown by `faults.add` for a rule that cannot work (unknown field, bad value, no effect).
 *
 * @example
 * ```ts
 * try { api.faults.add({ path: '/v1/sandboxes' }); } catch (error) {
 *   error instanceof InvalidFaultError; // true: no error, latencyMs or drop
 * }
 * ```
 */
export class InvalidFaultError extends TypeError {
  override readonly name = 'InvalidFaultError';
}

/**
 * How many faults may be registered at once, and their total size (the characters of their
 * JSON): beyond either, `add` refuses (decision 0221). A fault fired `times` times is removed
 * by itself; one that never matches stays until removed.
 *
 * @example
 * ```ts
 * FAULT_LIMITS.maxFaults; // 1000
 * ```
 */
export const FAULT_LIMITS = Object.freeze({ maxFaults: 1000, maxBytes: 4 * 2 ** 20 });

interface ActiveFault {
  id: string;
  rule: FaultRule;
  remaining: number;
  method: string;
  segments: string[] | undefined;
  /** The characters of the rule's JSON. */
  size: number;
}

/** The JSON text of a rule, or why it has none (a cycle, a BigInt, nested too deep). */
function ruleText(rule: FaultRule): string {
  try {
    return JSON.stringify(rule);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidFaultError(`Invalid fault: the rule must be JSON-serialisable (${reason})`);
  }
}

const segmentsOf = (path: string): string[] | undefined => (path === '*' ? undefined : path.split('/'));

function pathMatches(pattern: string[] | undefined, path: string[]): boolean {
  if (pattern === undefined) return true;
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    if (part === '*' && i === pattern.length - 1) return true;
    const actual = path[i];
    if (actual === undefined) return false;
    if (part.startsWith(':') ? actual === '' : part !== actual) return false;
  }
  return pattern.length === path.length;
}

/** The registered faults, matched in registration order; the first that fires wins. */
export class FaultRegistry {
  #faults: ActiveFault[] = [];
  #bytes = 0;
  #nextId = 1;
  readonly #random: () => SeededRandom;

  /** @param random the seeded generator for `fraction` draws (re-read after a reset). */
  constructor(random: () => SeededRandom) {
    this.#random = random;
  }

  get size(): number {
    return this.#faults.length;
  }

  /**
   * Registers a fault.
   * @throws {InvalidFaultError} for an unknown field, a bad value, no effect at all, a rule
   * that is not JSON, or when {@link FAULT_LIMITS} are reached.
   */
  add(input: unknown): FaultHandle {
    const parsed = FaultRuleSchema.safeParse(input);
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error.issues)[0];
      throw new InvalidFaultError(
        `Invalid fault: ${issue ? `${issue.path || 'rule'}: ${issue.message}` : ''}`,
      );
    }
    const rule = parsed.data;
    if (rule.error === undefined && rule.latencyMs === undefined && rule.drop === undefined) {
      throw new InvalidFaultError('Invalid fault: give error, latencyMs or drop');
    }
    if (rule.error && rule.drop)
      throw new InvalidFaultError('Invalid fault: error and drop exclude each other');
    // Own keys only: a code such as `toString` is not a contract code (its "status" would be
    // a function), so it needs an explicit status like any other unknown code.
    if (rule.error && rule.error.status === undefined && !Object.hasOwn(ERROR_STATUS, rule.error.code)) {
      throw new InvalidFaultError(
        `Invalid fault: error.status is required for the unknown code ${rule.error.code}`,
      );
    }
    const size = ruleText(rule).length;
    if (this.#faults.length >= FAULT_LIMITS.maxFaults) {
      throw new InvalidFaultError(
        `Invalid fault: ${FAULT_LIMITS.maxFaults} faults are registered already, the most there can be; remove some first (DELETE /_mock/faults clears them)`,
      );
    }
    if (this.#bytes + size > FAULT_LIMITS.maxBytes) {
      throw new InvalidFaultError(
        `Invalid fault: the registered faults would hold ${this.#bytes + size} characters of JSON, more than ${FAULT_LIMITS.maxBytes}; remove some first`,
      );
    }
    const fault: ActiveFault = {
      id: `fault_${this.#nextId++}`,
      rule,
      remaining: rule.times ?? (rule.fraction === undefined ? 1 : Number.POSITIVE_INFINITY),
      method: (rule.method ?? '*').toUpperCase(),
      segments: segmentsOf(rule.path ?? '*'),
      size,
    };
    this.#faults.push(fault);
    this.#bytes += size;
    return {
      id: fault.id,
      get remaining() {
        return fault.remaining;
      },
      remove: () => this.remove(fault.id),
    };
  }

  /** Removes one fault; returns whether it existed. */
  remove(id: string): boolean {
    const index = this.#faults.findIndex((fault) => fault.id === id);
    if (index === -1) return false;
    this.#bytes -= this.#faults[index]!.size;
    this.#faults.splice(index, 1);
    return true;
  }

  list(): FaultInfo[] {
    return this.#faults.map((fault) => ({
      ...fault.rule,
      id: fault.id,
      remaining: Number.isFinite(fault.remaining) ? fault.remaining : null,
    }));
  }

  clear(): void {
    this.#faults = [];
    this.#bytes = 0;
    this.#nextId = 1;
  }

  /** The fault that fires for this request, if any (its count is used up). */
  take(method: string, pathname: string): (FaultRule & { id: string }) | undefined {
    if (this.#faults.length === 0) return undefined;
    const path = pathname.split('/');
    for (const fault of this.#faults) {
      if (fault.method !== '*' && fault.method !== method) continue;
      if (!pathMatches(fault.segments, path)) continue;
      if (fault.rule.fraction !== undefined && this.#random().next() >= fault.rule.fraction) continue;
      fault.remaining--;
      if (fault.remaining <= 0) this.remove(fault.id);
      return { ...fault.rule, id: fault.id };
    }
    return undefined;
  }
}
