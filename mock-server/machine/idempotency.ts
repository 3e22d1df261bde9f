import { LIMITS } from '../../src/schemas/index.js';

/** How long a stored idempotent response is replayed: 24 hours, as the contract says. */
export const IDEMPOTENCY_TTL_MS = LIMITS.idempotency.ttlMs;

/** One stored first response. */
export interface IdempotencyEntry {
  apiKey: string;
  key: string;
  /** Method, route and canonical body of the first request. */
  fingerprint: string;
  /** The first response's body. */
  response: unknown;
  storedAt: number;
}

/** The result of looking a key up: nothing stored, a replay, or a conflict. */
export type IdempotencyLookup =
  | { kind: 'miss' }
  | { kind: 'replay'; response: unknown }
  | { kind: 'conflict' };

const scope = (apiKey: string, key: string): string => `${apiKey}\n${key}`;

/**
 * First responses by (API key, Idempotency-Key), kept for 24 h of clock time. Entries
 * expire in insertion order, so expiry is a queue walk, never a scan.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, IdempotencyEntry>();
  #queue: IdempotencyEntry[] = [];
  #head = 0;

  lookup(apiKey: string, key: string, fingerprint: string, now: number): IdempotencyLookup {
    this.expire(now);
    const entry = this.#entries.get(scope(apiKey, key));
    if (entry === undefined) return { kind: 'miss' };
    return entry.fingerprint === fingerprint
      ? { kind: 'replay', response: entry.response }
      : { kind: 'conflict' };
  }

  store(entry: IdempotencyEntry): void {
    this.#entries.set(scope(entry.apiKey, entry.key), entry);
    this.#queue.push(entry);
  }

  /** Drops entries older than 24 h. */
  expire(now: number): void {
    const queue = this.#queue;
    while (this.#head < queue.length && queue[this.#head]!.storedAt + IDEMPOTENCY_TTL_MS <= now) {
      const entry = queue[this.#head++]!;
      const id = scope(entry.apiKey, entry.key);
      if (this.#entries.get(id) === entry) this.#entries.delete(id);
    }
    if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }

  entries(now: number): IdempotencyEntry[] {
    this.expire(now);
    return [...this.#entries.values()];
  }

  load(entries: readonly IdempotencyEntry[]): void {
    this.clear();
    for (const entry of [...entries].sort((a, b) => a.storedAt - b.storedAt)) this.store({ ...entry });
  }

  clear(): void {
    this.#entries.clear();
    this.#queue = [];
    this.#head = 0;
  }
}
