/**
 * Thrown for an upstream base URL the proxy cannot use; the message says why.
 *
 * @example
 * ```ts
 * try { parseUpstream('ftp://x'); } catch (error) { error instanceof InvalidUpstreamError; } // true
 * ```
 */
export class InvalidUpstreamError extends TypeError {
  override readonly name = 'InvalidUpstreamError';
}

/**
 * Reads the upstream base URL of the proxy: `http:` or `https:`, no credentials (they would
 * end up in logs; the caller's own `Authorization` is forwarded instead), no query or
 * fragment. A path is kept as a prefix (`https://staging.example.com/api`), without its
 * trailing slash.
 *
 * @throws {InvalidUpstreamError} naming what is wrong.
 * @example
 * ```ts
 * parseUpstream('https://staging.example.com/api/').href; // 'https://staging.example.com/api'
 * ```
 */
export function parseUpstream(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidUpstreamError(`the upstream must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUpstreamError(`the upstream must use http: or https: (got ${url.protocol})`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidUpstreamError('the upstream URL must not carry credentials: callers send their own key');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidUpstreamError('the upstream URL must not have a query or a fragment');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** The upstream as reports and logs show it: origin and path prefix. */
export const upstreamLabel = (url: URL): string => `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
