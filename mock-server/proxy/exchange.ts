/**
 * One request the proxy forwarded and what came of it: everything the checks read. The
 * forwarder fills it (runtime-specific); the verifier only reads it (runtime-neutral).
 */
export interface Exchange {
  method: string;
  /** Path and query as the caller sent them, e.g. `/v1/sandboxes?limit=10`. */
  target: string;
  /**
   * The caller's request headers. `authorization` is read once (the tenant digest and the
   * scrubbing of findings) and deleted by the verifier.
   */
  requestHeaders: Headers;
  /** The start of the request body: at most `LIMITS.maxBodyBytes + 1` bytes. */
  requestBody: Uint8Array;
  /** How many body bytes the caller sent in all (more than kept when the body was too large). */
  requestBytes: number;
  /** The proxy's wall-clock time when the request arrived, ISO 8601. */
  time: string;
  /** Real time from arrival to the end of the answer, in milliseconds. */
  durationMs: number;
  outcome: ExchangeOutcome;
}

/**
 * What the caller got:
 * - `answered`: the upstream's answer, forwarded whole; `body` is its decoded bytes, or
 *   `undefined` when it was too large to keep for checking;
 * - `upstream-error`: the upstream could not be reached or did not answer in time, and the
 *   proxy answered 502 itself;
 * - `broken`: the exchange broke off mid-way (the upstream or the caller dropped it).
 */
export type ExchangeOutcome =
  | { kind: 'answered'; status: number; headers: Headers; body: Uint8Array | undefined }
  | { kind: 'upstream-error'; status: number; requestId: string; reason: string }
  | { kind: 'broken'; status: number | null; reason: string };
