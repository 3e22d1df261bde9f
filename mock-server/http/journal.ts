import type { Finding } from './finding.js';

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
  /** What the verifying proxy (`runra-mock --proxy`) found wrong with this exchange. */
  findings?: Finding[];
}

/** How many entries the journal keeps (the oldest are forgotten first). */
export const JOURNAL_CAPACITY = 1000;

/** The request journal: the latest {@link JOURNAL_CAPACITY} entries, oldest first. */
export class Journal {
  #entries: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length >= JOURNAL_CAPACITY * 2) this.#entries = this.#entries.slice(-JOURNAL_CAPACITY);
  }

  entries(): JournalEntry[] {
    return this.#entries.slice(-JOURNAL_CAPACITY);
  }

  clear(): void {
    this.#entries = [];
  }
}
