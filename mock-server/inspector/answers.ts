import type { Scope } from '../http/context.js';

/**
 * Headers of every inspector answer. No CORS grant (unlike the API's answers): only the
 * mock's own page reads these routes, and a browser refuses them to any other origin.
 */
export function inspectorHeaders(scope: Scope, contentType: string): Record<string, string> {
  return {
    'x-request-id': scope.requestId,
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

/** The page's policy: its own scripts, styles and connections only; no frames, no forms posting away. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A JSON answer of an inspector route (never cached: it is live state). */
export function inspectorJson(scope: Scope, status: number, body: unknown): Response {
  const headers = inspectorHeaders(scope, 'application/json');
  headers['cache-control'] = 'no-store';
  return new Response(JSON.stringify(body), { status, headers });
}

/** The contract's error envelope for something the inspector does not hold. */
export function inspectorNotFound(scope: Scope, message: string, details: Record<string, string>): Response {
  return inspectorJson(scope, 404, {
    error: { code: 'NOT_FOUND', message, details, requestId: scope.requestId },
  });
}
