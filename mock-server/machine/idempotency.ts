import { LIMITS } from '../../src/schemas/index.js';
import { sha256Hex } from './sha256.js';
import { InvalidSnapshotError } from './snapshot.js';

/** How long a stored idempotent response is replayed: 24 hours, as the contract says. */
export const IDEMPOTENCY_TTL_MS = LIMITS.idempotency.ttlMs;

/** The form a fingerprint is kept in: `sha256:` and 64 hex digits. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * The digest kept for a fingerprint: SHA-256 of its JSON string form, which escapes lone
 * surrogates (UTF-8 would turn every one into U+FFFD, so two different fingerprints could
 * share a digest). A digest is kept as it is, so snapshots round-trip.
 */
export const fingerprintDigest = (fingerprint: string): string =>
  DIGEST.test(fingerprint) ? fingerprint : `sha256:${sha256Hex(JSON.stringify(fingerprint))}`;

/** One stored first response in portable form (as snapshots hold it). */
export interface IdempotencyEntry {
  apiKey: string;
  key: string;
  /** The digest of the first request's method, route and canonical body (or that text). */
  fingerprint: string;
  /** The first response's body. */
  response: unknown;
  storedAt: number;
}

/** What the store holds per entry: a digest and the response's JSON text, never the request. */
interface Stored {
  apiKey: string;
  key: string;
  digest: string;
  responseText: string;
  storedAt: number;
  size: number;
}

/** The result of looking a key up: nothing stored, a replay, or a conflict. */
export type IdempotencyLookup =
  | { kind: 'miss' }
  | { kind: 'replay'; response: unknown }
  | { kind: 'conflict' };

/** Per-entry bookkeeping beyond the strings (Map slot, object header, numbers). */
const ENTRY_OVERHEAD = 160;

const scope = (apiKey: string, key: string): string => `${apiKey}\n${key}`;

/**
 * First responses by (API key, Idempotency-Key), kept for 24 h of clock time and within a
 * count and a size (decision 0216). A fingerprint is kept as a SHA-256 digest and a response
 * as its JSON text. The Map's insertion order is storage order, so expiry and eviction walk
 * from its front and never scan.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Stored>();
  #bytes = 0;
  #maxEntries: number;
  #maxBytes: number;

  constructor(limits: { maxEntries: number; maxBytes: number }) {
    this.#maxEntries = limits.maxEntries;
    this.#maxBytes = limits.maxBytes;
  }

  /** Entries held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Estimated characters held now (responses, keys, digests and bookkeeping). */
  get bytes(): number {
    return this.#bytes;
  }

  lookup(apiKey: string, key: string, fingerprint: string, now: number): IdempotencyLookup {
    this.expire(now);
    const entry = this.#entries.get(scope(apiKey, key));
    if (entry === undefined) return { kind: 'miss' };
    return entry.digest === fingerprintDigest(fingerprint)
      ? { kind: 'replay', response: JSON.parse(entry.responseText) }
      : { kind: 'conflict' };
  }

  /**
   * Stores a first response, then evicts the oldest entries beyond the count and the size.
   * @throws {TypeError} when the response is not JSON-serialisable (a cycle, a BigInt).
   */
  store(entry: IdempotencyEntry): void {
    const responseText = JSON.stringify(entry.response) ?? 'null';
    const id = scope(entry.apiKey, entry.key);
    this.#delete(id);
    const digest = fingerprintDigest(entry.fingerprint);
    const size =
      ENTRY_OVERHEAD + responseText.length + entry.apiKey.length + entry.key.length + digest.length;
    this.#entries.set(id, {
      apiKey: entry.apiKey,
      key: entry.key,
      digest,
      responseText,
      storedAt: entry.storedAt,
      size,
    });
    this.#bytes += size;
    this.#evict();
  }

  /** Drops entries stored 24 h or more before `now`. */
  expire(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (entry.storedAt + IDEMPOTENCY_TTL_MS > now) break;
      this.#delete(id);
    }
  }

  /** Every entry still held, oldest first, in portable form. */
  entries(now: number): IdempotencyEntry[] {
    this.expire(now);
    return [...this.#entries.values()].map(({ apiKey, key, digest, responseText, storedAt }) => ({
      apiKey,
      key,
      fingerprint: digest,
      response: JSON.parse(responseText),
      storedAt,
    }));
  }

  /**
   * Replaces every entry (oldest first; a full fingerprint text is reduced to its digest).
   * @throws {TypeError} when a response is not JSON-serialisable; nothing is kept then.
   */
  load(entries: readonly IdempotencyEntry[]): void {
    this.clear();
    try {
      for (const entry of [...entries].sort((a, b) => a.storedAt - b.storedAt)) this.store(entry);
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break;
      this.#delete(id);
    }
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    this.#bytes -= entry.size;
  }
}

/**
 * Checks that every stored response of a snapshot can be kept as JSON text, before anything
 * is replaced.
 * @throws {InvalidSnapshotError} naming the first that cannot (a cycle, a BigInt, too deep).
 */
export function checkStoredResponses(entries: readonly IdempotencyEntry[]): void {
  entries.forEach((entry, index) => {
    try {
      JSON.stringify(entry.response);
    } catch (error) {
      throw new InvalidSnapshotError([
        {
          path: `idempotency.${index}.response`,
          message: `must be JSON-serialisable (${error instanceof Error ? error.message : String(error)})`,
        },
      ]);
    }
  });
}
