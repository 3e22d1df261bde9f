import type { Finding } from './finding.js';
import type { JournalBody } from './journal-body.js';

/**
 * One request the mock answered (control routes are not journaled).
 *
 * @example
 * ```ts
 * const [last]: JournalEntry[] = api.journal.entries().slice(-1);
 * last?.status; // 201
 * ```
 */
export interface JournalEntry {
  /** The request id sent as `X-Request-Id` (also for a dropped connection). */
  requestId: string;
  /** The mock clock's time when the request arrived, ISO 8601. */
  time: string;
  method: string;
  /** Path and query, e.g. `/v1/sandboxes?limit=10`. */
  path: string;
  /** The status answered, or null when the connection was dropped before an answer. */
  status: number | null;
  /** The API key redacted (`sk_…a1b2`), or null when there was none. */
  apiKey: string | null;
  /** Real time spent answering, in milliseconds. */
  durationMs: number;
  /** The id of the fault that fired on this request, if any. */
  fault?: string;
  /** Set when a fault dropped the connection: before or after the mock acted. */
  dropped?: 'before' | 'after';
  /** The request body as read (cut when long); absent when there was none or it was refused unread. Headers, the Authorization header above all, are never kept. */
  requestBody?: JournalBody;
  /** The body answered (cut when long), also when a fault dropped the connection after the mock acted. */
  responseBody?: JournalBody;
  /** What the verifying proxy (`runra-mock --proxy`) found wrong with this exchange. */
  findings?: Finding[];
}

/**
 * How much the journal keeps: a number of entries and their total size (the characters of
 * their JSON, estimated), whichever is reached first; the oldest entries go first
 * (decision 0218). The size bound holds when entries carry bodies.
 *
 * @example
 * ```ts
 * const limits: JournalLimits = { journalEntries: 200, journalBytes: 1_048_576 };
 * ```
 */
export interface JournalLimits {
  /**
   * Entries kept at most.
   * @default 1000
   */
  journalEntries?: number | undefined;
  /**
   * Total size of the kept entries at most; the newest entry is always kept.
   * @default 16_777_216 (16 MiB)
   */
  journalBytes?: number | undefined;
}

/**
 * The defaults of {@link JournalLimits}.
 *
 * @example
 * ```ts
 * DEFAULT_JOURNAL_LIMITS.journalEntries; // 1000
 * ```
 */
export const DEFAULT_JOURNAL_LIMITS: Readonly<Required<{ [K in keyof JournalLimits]: number }>> =
  Object.freeze({
    journalEntries: 1000,
    journalBytes: 16 * 2 ** 20,
  });

/** Per value bookkeeping in the size estimate (a property slot, a number). */
const SLOT = 8;

/**
 * The estimated size of a journal entry: the characters of its strings and a few per value,
 * walking nested objects (bodies, findings) with an explicit stack, so depth costs nothing.
 */
export function entrySize(entry: object): number {
  let size = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [entry];
  while (stack.length > 0) {
    const value = stack.pop();
    size += SLOT;
    if (typeof value === 'string') size += value.length;
    else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      if (ArrayBuffer.isView(value)) size += value.byteLength;
      else
        for (const key of Object.keys(value)) {
          size += key.length;
          stack.push((value as Record<string, unknown>)[key]);
        }
    }
  }
  return size;
}

/** The request journal: the latest entries within its {@link JournalLimits}, oldest first. */
export class Journal {
  /** Oldest first from `#head`; slots before it are emptied, so nothing evicted stays reachable. */
  #entries: (JournalEntry | undefined)[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  readonly #maxEntries: number;
  readonly #maxBytes: number;

  /** @throws {RangeError} when a limit is not an integer >= 0 nor `Infinity`. */
  constructor(limits: JournalLimits = {}) {
    this.#maxEntries = limits.journalEntries ?? DEFAULT_JOURNAL_LIMITS.journalEntries;
    this.#maxBytes = limits.journalBytes ?? DEFAULT_JOURNAL_LIMITS.journalBytes;
    for (const [name, value] of [
      ['journalEntries', this.#maxEntries],
      ['journalBytes', this.#maxBytes],
    ] as const) {
      if (value !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(value) && value >= 0)) {
        throw new RangeError(`limits.${name} must be an integer >= 0 or Infinity, got ${String(value)}`);
      }
    }
  }

  /** Entries held now. */
  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** Estimated size of the entries held now. */
  get bytes(): number {
    return this.#bytes;
  }

  record(entry: JournalEntry): void {
    if (this.#maxEntries === 0) return;
    const size = entrySize(entry);
    this.#entries.push(entry);
    this.#sizes.push(size);
    this.#bytes += size;
    while (this.size > this.#maxEntries || (this.#bytes > this.#maxBytes && this.size > 1)) {
      this.#bytes -= this.#sizes[this.#head]!;
      this.#entries[this.#head] = undefined;
      this.#head++;
    }
    if (this.#head > 64 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }

  entries(): JournalEntry[] {
    return this.#entries.slice(this.#head) as JournalEntry[];
  }

  clear(): void {
    this.#entries = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
