import type { Clock } from './types.js';

/**
 * The instant a manual clock starts at unless told otherwise: the page's own example,
 * `2026-06-15T10:30:00.000Z`.
 *
 * @example
 * ```ts
 * createMockApi({ clock: 'manual' }).clock.now() === DEFAULT_START_TIME; // true
 * ```
 */
export const DEFAULT_START_TIME = Date.parse('2026-06-15T10:30:00.000Z');

/**
 * A clock that only moves when told to. Tests use it to reach a deadline exactly.
 *
 * @example
 * ```ts
 * const clock = new ManualClock('2026-06-15T10:30:00.000Z');
 * clock.advance(1000);
 * new Date(clock.now()).toISOString(); // '2026-06-15T10:30:01.000Z'
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  /** @param start epoch milliseconds or an ISO 8601 string; defaults to {@link DEFAULT_START_TIME}. */
  constructor(start: number | string = DEFAULT_START_TIME) {
    this.#now = parseInstant(start);
  }

  now(): number {
    return this.#now;
  }

  /**
   * Moves the clock forward.
   * @throws {RangeError} when `ms` is not a non-negative safe integer.
   */
  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new RangeError(`ms must be a non-negative integer, got ${String(ms)}`);
    }
    this.#now += ms;
  }

  /** Sets the clock to an instant (used when a snapshot is loaded). */
  set(instant: number): void {
    this.#now = instant;
  }
}

/**
 * Reads an instant given as epoch milliseconds or an ISO 8601 string.
 * @throws {RangeError} when it is neither.
 */
export function parseInstant(value: number | string): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isSafeInteger(ms)) throw new RangeError(`not an instant: ${String(value)}`);
  return ms;
}

let lastMs = Number.NaN;
let lastIso = '';

/**
 * Epoch milliseconds as an ISO 8601 UTC string with milliseconds. The last answer is
 * remembered: requests in the same millisecond (the journal's time) ask for the same string.
 *
 * @throws {RangeError} when `ms` is not a valid time.
 */
export const toIso = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};
