import { sha256Hex } from './sha256.js';

/** A well-formed API key: 1-256 visible ASCII characters (what `Bearer <key>` may carry). */
export const API_KEY_PATTERN = /^[\x21-\x7e]{1,256}$/;

/** An owner id: `sha256:` and 64 lower-case hex digits. */
export const OWNER_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** Prefixed to the key before hashing, so an owner id matches no other system's plain SHA-256 of a key. */
const DOMAIN = 'runra-mock:';

/**
 * An API key fit for a log or a page: its prefix and last four characters (`sk_…a1b2`);
 * keys shorter than 12 characters show nothing but their prefix. The journal, the CLI's log
 * lines, snapshots (`keyLabel`) and the inspector all show a key this way, never whole.
 *
 * @example
 * ```ts
 * maskApiKey('sk_test_0123456789a1b2'); // 'sk_…a1b2'
 * ```
 */
export function maskApiKey(key: string): string {
  const prefix = /^[A-Za-z]+_/.exec(key)?.[0] ?? '';
  return key.length >= 12 ? `${prefix}…${key.slice(-4)}` : `${prefix}…`;
}

/** Owner ids already computed, by key; emptied when full, so it stays small whatever the traffic. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 1024;

/**
 * The owner id the mock files an API key's sandboxes, stored responses and rate-limit log
 * under: `sha256:` + the SHA-256 of `runra-mock:` followed by the key. The mock keeps and
 * exports only this id, never the key: a snapshot restores a key's sandboxes when the same
 * key comes back, and reveals nothing a caller could replay.
 *
 * @example
 * ```ts
 * import { apiKeyOwner } from 'runra/mock';
 *
 * const mine = api.exportState().sandboxes.filter((s) => s.owner === apiKeyOwner('sk_test_1'));
 * ```
 */
export function apiKeyOwner(apiKey: string): string {
  let owner = cache.get(apiKey);
  if (owner === undefined) {
    owner = `sha256:${sha256Hex(DOMAIN + apiKey)}`;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(apiKey, owner);
  }
  return owner;
}
