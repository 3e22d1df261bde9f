import type { CreateRateLimit } from './types.js';

/**
 * How many logged creates the limiter keeps at most, all API keys together. A key can log
 * at most `limit` creates per window, but keys are unbounded (any well-formed key is
 * accepted), so a client rotating keys on a clock that never moves is stopped here: the
 * oldest entry is forgotten first, which can only let its key create sooner (decision 0215).
 */
export const RATE_LOG_CAPACITY = 100_000;

/** One logged create. */
interface Logged {
  apiKey: string;
  at: number;
}

/**
 * A sliding-window log of successful creates per API key. Only creates that made a
 * sandbox are counted, so a refused attempt (400, 429, 503) never uses up the budget.
 * One queue in logging order expires every key's entries once they leave the window, and a
 * key whose log is empty is dropped: nothing is kept for a key that stopped creating.
 */
export class CreateRateLimiter {
  readonly #rule: CreateRateLimit | undefined;
  readonly #log = new Map<string, number[]>();
  /** Logging order from `#head`; slots before it are emptied, so nothing dropped stays reachable. */
  #queue: (Logged | undefined)[] = [];
  #head = 0;
  readonly #capacity: number;

  constructor(rule: CreateRateLimit | undefined, capacity: number = RATE_LOG_CAPACITY) {
    this.#rule = rule;
    this.#capacity = capacity;
  }

  get rule(): CreateRateLimit | undefined {
    return this.#rule;
  }

  /** Logged creates held now, all keys together. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /** API keys with at least one logged create. */
  get keyCount(): number {
    return this.#log.size;
  }

  /** Milliseconds until the key may create again, or 0 when it may now. */
  waitMs(apiKey: string, now: number): number {
    const rule = this.#rule;
    if (rule === undefined) return 0;
    this.#expire(now);
    const log = this.#log.get(apiKey);
    if (log === undefined || log.length < rule.limit) return 0;
    return log[log.length - rule.limit]! + rule.windowMs - now;
  }

  record(apiKey: string, now: number): void {
    if (this.#rule === undefined) return;
    this.#expire(now);
    let log = this.#log.get(apiKey);
    if (log === undefined) {
      log = [];
      this.#log.set(apiKey, log);
    }
    log.push(now);
    this.#queue.push({ apiKey, at: now });
    while (this.size > this.#capacity) this.#dropOldest();
  }

  /** Every key's creates still inside the window (for snapshots). */
  entries(now: number): { apiKey: string; at: number[] }[] {
    this.#expire(now);
    return [...this.#log].map(([apiKey, at]) => ({ apiKey, at: [...at] }));
  }

  /** Replaces the log (each key's newest `limit` creates are enough; older ones are dropped). */
  load(entries: readonly { apiKey: string; at: readonly number[] }[]): void {
    this.clear();
    if (this.#rule === undefined) return;
    const limit = this.#rule.limit;
    const all: Logged[] = [];
    for (const { apiKey, at } of entries) {
      for (const time of [...at].sort((a, b) => a - b).slice(-limit)) all.push({ apiKey, at: time });
    }
    for (const entry of all.sort((a, b) => a.at - b.at)) {
      const log = this.#log.get(entry.apiKey);
      if (log === undefined) this.#log.set(entry.apiKey, [entry.at]);
      else log.push(entry.at);
      this.#queue.push(entry);
    }
    while (this.size > this.#capacity) this.#dropOldest();
  }

  clear(): void {
    this.#log.clear();
    this.#queue = [];
    this.#head = 0;
  }

  /** Forgets every create that left the window at `now` (the queue is in logging order). */
  #expire(now: number): void {
    const rule = this.#rule;
    if (rule === undefined) return;
    const horizon = now - rule.windowMs;
    while (this.#head < this.#queue.length && this.#queue[this.#head]!.at <= horizon) this.#dropOldest();
  }

  /** Forgets the oldest logged create: the front of the queue and of its key's log. */
  #dropOldest(): void {
    const oldest = this.#queue[this.#head]!;
    this.#queue[this.#head++] = undefined;
    const log = this.#log.get(oldest.apiKey);
    if (log !== undefined) {
      log.shift();
      if (log.length === 0) this.#log.delete(oldest.apiKey);
    }
    if (this.#head > 64 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
