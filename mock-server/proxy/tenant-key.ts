import { authenticate } from '../http/auth.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Bytes of the HMAC kept in a tenant id: 128 bits. */
const TENANT_ID_BYTES = 16;

/**
 * The API key of a well-formed `Authorization: Bearer <key>` header, else `undefined`
 * (read by the mock's own rules, so "well-formed" means the same thing on both sides).
 *
 * @example
 * ```ts
 * bearerKey('Bearer sk_test_1'); // 'sk_test_1'
 * ```
 */
export function bearerKey(authorization: string | null): string | undefined {
  const auth = authenticate(authorization, undefined);
  return auth.ok ? auth.apiKey : undefined;
}

/**
 * An HMAC-SHA-256 under a secret of its own: the key's MAC, as bytes. A runtime may bring a
 * faster one than Web Crypto's (Node's `createHmac` is synchronous, with no thread hop).
 */
export type Hmac = (message: string) => Uint8Array | Promise<Uint8Array>;

/** The Web Crypto HMAC-SHA-256 under a fresh random secret (runtime-neutral). */
function webCryptoHmac(): Hmac {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (message) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(message)));
}

/**
 * Turns API keys into tenant ids: an HMAC-SHA-256 of the key under a secret drawn at start
 * and never shown, so a tenant id neither reveals its key nor can be matched against a
 * guessed key, and ids of two runs cannot be linked. Web Crypto by default.
 *
 * @example
 * ```ts
 * const tenants = new TenantKeys();
 * await tenants.of('Bearer sk_test_1'); // 't_5d1f…' (32 hex digits)
 * ```
 */
export class TenantKeys {
  readonly #hmac: Hmac;

  /** @param hmac an HMAC-SHA-256 under a random secret; Web Crypto's when absent. */
  constructor(hmac: Hmac = webCryptoHmac()) {
    this.#hmac = hmac;
  }

  /** The tenant of an `Authorization` header, or `undefined` when it holds no well-formed key. */
  async of(authorization: string | null): Promise<string | undefined> {
    const key = bearerKey(authorization);
    if (key === undefined) return undefined;
    const mac = await this.#hmac(key);
    let hex = 't_';
    for (let i = 0; i < TENANT_ID_BYTES; i++) hex += HEX[mac[i] ?? 0];
    return hex;
  }
}
