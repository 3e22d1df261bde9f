import { maskApiKey } from '../machine/owner.js';
import type { DomainError } from '../machine/types.js';

/** A well-formed key: 1-256 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,256}$/;
const BEARER = /^Bearer +(.*)$/i;

const unauthorized = (message: string): DomainError => ({ code: 'UNAUTHORIZED', message });

let lastHeader: string | undefined;
let lastKey: string | undefined;

/**
 * The key of a `Bearer` header when well-formed. The last answer is remembered: a client
 * sends the same header on every request.
 */
function wellFormedKey(header: string): string | undefined {
  if (header !== lastHeader) {
    const key = BEARER.exec(header)?.[1]?.trim();
    lastKey = key !== undefined && KEY.test(key) ? key : undefined;
    lastHeader = header;
  }
  return lastKey;
}

/**
 * Reads `Authorization: Bearer <key>`. Missing, malformed or (when `allowed` is given)
 * unknown keys are refused.
 */
export function authenticate(
  header: string | null,
  allowed: ReadonlySet<string> | undefined,
): { ok: true; apiKey: string } | { ok: false; error: DomainError } {
  if (header === null)
    return { ok: false, error: unauthorized('Missing Authorization header: use "Bearer <api key>"') };
  const key = wellFormedKey(header);
  if (key === undefined) {
    return { ok: false, error: unauthorized('Malformed Authorization header: use "Bearer <api key>"') };
  }
  if (allowed !== undefined && !allowed.has(key))
    return { ok: false, error: unauthorized('Unknown API key') };
  return { ok: true, apiKey: key };
}

/** An API key fit for a log (`sk_…a1b2`): see {@link maskApiKey}. */
export const redactKey = maskApiKey;

/** The redacted key of an Authorization header, or null when it carries none. */
export function redactAuthorization(header: string | null): string | null {
  if (header === null) return null;
  const key = BEARER.exec(header)?.[1]?.trim();
  return key ? redactKey(key) : null;
}
