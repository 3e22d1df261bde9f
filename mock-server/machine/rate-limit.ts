import type { CreateRateLimit } from './types.js';

/**
 * A sliding-window log of successful creates per API key. Only creates that made a
 * sandbox are counted, so a refused attempt (400, 429, 503) never uses up the budget.
 */
export class CreateRateLimiter {
  readonly #rule: CreateRateLimit | undefined;
  readonly #log = new Map<string, number[]>();

  constructor(rule: CreateRateLimit | undefined) {
    this.#rule = rule;
  }

  get rule(): CreateRateLimit | undefined {
    return this.#rule;
  }

  /** Milliseconds until the key may create again, or 0 when it may now. */
  waitMs(apiKey: string, now: number): number {
    const rule = this.#rule;
    if (rule === undefined) return 0;
    const log = this.#prune(apiKey, now);
    if (log === undefined || log.length < rule.limit) return 0;
    return log[log.length - rule.limit]! + rule.windowMs - now;
  }

  record(apiKey: string, now: number): void {
    if (this.#rule === undefined) return;
    let log = this.#log.get(apiKey);
    if (log === undefined) {
      log = [];
      this.#log.set(apiKey, log);
    }
    log.push(now);
  }

  #prune(apiKey: string, now: number): number[] | undefined {
    const log = this.#log.get(apiKey);
    if (log === undefined || this.#rule === undefined) return log;
    const horizon = now - this.#rule.windowMs;
    let drop = 0;
    while (drop < log.length && log[drop]! <= horizon) drop++;
    if (drop > 0) log.splice(0, drop);
    return log;
  }

  /** Every key's creates still inside the window (for snapshots). */
  entries(now: number): { apiKey: string; at: number[] }[] {
    const out: { apiKey: string; at: number[] }[] = [];
    for (const apiKey of this.#log.keys()) {
      const log = this.#prune(apiKey, now);
      if (log !== undefined && log.length > 0) out.push({ apiKey, at: [...log] });
    }
    return out;
  }

  load(entries: readonly { apiKey: string; at: readonly number[] }[]): void {
    this.#log.clear();
    for (const { apiKey, at } of entries)
      this.#log.set(
        apiKey,
        [...at].sort((a, b) => a - b),
      );
  }

  clear(): void {
    this.#log.clear();
  }
}
