/** The origin of requests sent to the reference (never reached over the network). */
const REFERENCE_ORIGIN = 'http://reference.invalid';

/** Request headers the reference reads, copied as they are (the key is replaced). */
const COPIED_HEADERS = ['content-type', 'idempotency-key'] as const;

/** What the reference needs of the caller's request. */
export interface ReplayedRequest {
  method: string;
  /** Path and query, starting with `/`. */
  target: string;
  headers: Headers;
  body: Uint8Array;
}

/**
 * Builds the caller's request again for the reference: same method, path, query, body and
 * `Idempotency-Key`, but authenticated as the tenant id instead of the key (so the
 * reference's tenancy is the upstream's, and it never sees a key). A header without a
 * well-formed key is passed on as it is, so the reference refuses it the same way.
 *
 * @example
 * ```ts
 * const request = replay({ method: 'GET', target: '/v1/sandboxes', headers, body }, 't_5d1f…')();
 * ```
 */
export function replay(request: ReplayedRequest, tenant: string | undefined): () => Request {
  const headers = new Headers();
  for (const name of COPIED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const authorization = request.headers.get('authorization');
  if (tenant !== undefined) headers.set('authorization', `Bearer ${tenant}`);
  else if (authorization !== null) headers.set('authorization', authorization);
  const hasBody = request.body.byteLength > 0 && request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? request.body.slice() : undefined;
  return () =>
    new Request(REFERENCE_ORIGIN + request.target, {
      method: request.method,
      headers,
      ...(body ? { body: body.slice() } : {}),
    });
}

/**
 * A request of the tenant's own making for the reference (e.g. `GET /v1/sandboxes`).
 *
 * @example
 * ```ts
 * const list = ownRequest('GET', '/v1/sandboxes?limit=100', 't_5d1f…');
 * ```
 */
export function ownRequest(method: string, target: string, tenant: string | undefined): () => Request {
  const headers = tenant === undefined ? undefined : { authorization: `Bearer ${tenant}` };
  return () => new Request(REFERENCE_ORIGIN + target, { method, ...(headers ? { headers } : {}) });
}
