import { baseHeaders, type RequestScope } from './responses.js';

/** Request headers a cross-origin page may send. */
export const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
/** Methods a cross-origin page may use. */
export const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
/** How long a browser may cache a preflight, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * The answer to any `OPTIONS` request: 204 with the CORS grants. Authentication is a
 * bearer header, never a cookie, so `*` is safe and no credentials are allowed.
 */
export function preflight(scope: RequestScope): Response {
  const headers = baseHeaders(scope);
  headers['access-control-allow-methods'] = ALLOWED_METHODS;
  headers['access-control-allow-headers'] = ALLOWED_HEADERS;
  headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
  headers.allow = ALLOWED_METHODS;
  return new Response(null, { status: 204, headers });
}
