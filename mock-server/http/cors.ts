import { baseHeaders, type RequestScope } from './responses.js';

/** Request headers a cross-origin page may send. */
export const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
/** How long a browser may cache a preflight, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * The answer to `OPTIONS` on a known path: 204 with its `Allow`. On the API it also grants
 * CORS to any origin for these methods: authentication is a bearer header, never a cookie,
 * so `*` is safe and no credentials are allowed. On the control plane it grants nothing
 * (see `control-guard.ts`): browsers then refuse any cross-origin request that needs one.
 */
export function preflight(scope: RequestScope, allow: string): Response {
  const headers = baseHeaders(scope);
  headers.allow = allow;
  if (!scope.control) {
    headers['access-control-allow-methods'] = allow;
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
  }
  return new Response(null, { status: 204, headers });
}
