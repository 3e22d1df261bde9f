import { APIConnectionError, type APIError } from './errors.js';

/** Statuses worth another attempt; every other 4xx (409 `INVALID_STATE` included) is final. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** A server-requested wait longer than this is not slept through: the error is thrown. */
export const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;

/**
 * The wait a response asks for: `retry-after-ms` wins, then `Retry-After` (seconds or an
 * HTTP date, never negative). `undefined` when neither is present and valid.
 */
export function retryAfterFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms);
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff, 0.5 s doubling to an 8 s cap, with up to 25% jitter taken off. */
export function backoffMs(retryIndex: number, random = Math.random()): number {
  return Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS) * (1 - random * 0.25);
}

/**
 * How long to wait before retrying after `error`, or `undefined` for "do not retry".
 * `x-should-retry: true|false` overrides the status rule; a server-requested wait is
 * honoured up to {@link MAX_RETRY_AFTER_MS}, and a longer one means no retry.
 */
export function retryDelayMs(error: APIError, retryIndex: number): number | undefined {
  const override = error.headers?.get('x-should-retry');
  if (override === 'false') return undefined;
  const retryable =
    override === 'true' ||
    error instanceof APIConnectionError ||
    (error.status !== undefined && RETRYABLE_STATUSES.has(error.status));
  if (!retryable) return undefined;
  const after = error.retryAfterMs;
  if (after === undefined) return backoffMs(retryIndex);
  return after <= MAX_RETRY_AFTER_MS ? after : undefined;
}
