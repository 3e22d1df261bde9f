import { ERROR_STATUS, type ErrorCode } from '../../src/schemas/index.js';
import type { DomainError } from '../machine/types.js';

/** What every response of one request shares: its id, and where JSON bodies go. */
export interface RequestScope {
  /** `req_` + 8 characters, sent as `X-Request-Id` and in error envelopes. */
  requestId: string;
  /**
   * Set only by the mock's own Node server (see `textBodyHandlerOf`): {@link json} then
   * answers a `Response` carrying its status only, and keeps its text and headers aside
   * ({@link asideBodyOf}), sparing the web stream and `Headers` a full one costs. Hono must
   * hand the route's own `Response` object back (it does: no route reads or sets `c.res`).
   */
  bodyAside?: boolean;
  /** The JSON text answered, set by {@link json} (the journal keeps it). */
  sentText?: string | undefined;
  /**
   * Set for a request under `/_mock/` (see `control-guard.ts`): its answers carry no CORS
   * grant, so no page on another origin can read them.
   */
  control?: boolean;
}

/** A JSON answer kept beside its `Response` (see {@link RequestScope.bodyAside}). */
export interface AsideBody {
  text: string;
  /** Its headers, lower-case; owned by whoever writes the response. */
  headers: Record<string, string>;
}

const asideBodies = new WeakMap<Response, AsideBody>();

/**
 * The text and headers of a {@link json} response made with `bodyAside`; `undefined` for
 * any other response (a full one: read its headers and body).
 *
 * @example
 * ```ts
 * const aside = asideBodyOf(response);
 * if (aside) res.writeHead(response.status, aside.headers).end(aside.text);
 * ```
 */
export function asideBodyOf(response: Response): AsideBody | undefined {
  return asideBodies.get(response);
}

/** Response headers a cross-origin page may read. */
export const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, Idempotent-Replayed';

/**
 * The headers every response carries: its request id, and on the API the CORS basics. A
 * control-plane answer grants no CORS and may not be embedded by another origin either.
 */
export function baseHeaders(scope: RequestScope): Record<string, string> {
  if (scope.control) {
    return {
      'x-request-id': scope.requestId,
      'cross-origin-resource-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
    };
  }
  return {
    'x-request-id': scope.requestId,
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSED_HEADERS,
  };
}

/** The challenge a 401 carries (RFC 9110 §11.6.1, with the Bearer scheme of RFC 6750). */
export const WWW_AUTHENTICATE = 'Bearer realm="runra"';

/**
 * A JSON response with the base headers; with `scope.bodyAside`, its text and headers are
 * kept aside instead ({@link asideBodyOf}).
 */
export function json(
  scope: RequestScope,
  status: number,
  body: unknown,
  extra?: Record<string, string>,
): Response {
  const headers = baseHeaders(scope);
  headers['content-type'] = 'application/json';
  if (extra) Object.assign(headers, extra);
  // `undefined` for an `undefined` body, whatever the typings say: then there is no body.
  const text: string | undefined = JSON.stringify(body);
  scope.sentText = text;
  if (!scope.bodyAside || text === undefined) return new Response(text ?? null, { status, headers });
  const response = new Response(null, { status });
  asideBodies.set(response, { text, headers });
  return response;
}

/** An empty response (204) with the base headers. */
export function empty(scope: RequestScope, status = 204, extra?: Record<string, string>): Response {
  const headers = baseHeaders(scope);
  if (extra) Object.assign(headers, extra);
  return new Response(null, { status, headers });
}

/** `Retry-After` is whole seconds, rounded up, at least 1. */
export const retryAfterSeconds = (ms: number): string => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * The error envelope `{ error: { code, message, details, requestId } }`, with the code's
 * status (or `status` when given), `Retry-After` on 429/503 and `WWW-Authenticate` on 401.
 */
export function errorResponse(
  scope: RequestScope,
  error: DomainError,
  status?: number,
  extra?: Record<string, string>,
): Response {
  const code = error.code;
  // By own key only: an injected fault's code (`toString`, say) must not find a prototype member.
  const answer = status ?? (Object.hasOwn(ERROR_STATUS, code) ? ERROR_STATUS[code as ErrorCode] : 500);
  const headers: Record<string, string> = { ...extra };
  if (answer === 429 || answer === 503) {
    headers['retry-after'] = retryAfterSeconds(error.retryAfterMs ?? 1000);
  } else if (answer === 401) {
    headers['www-authenticate'] = WWW_AUTHENTICATE;
  }
  return json(
    scope,
    answer,
    { error: { code, message: error.message, details: error.details ?? {}, requestId: scope.requestId } },
    headers,
  );
}

/** Shorthand for an envelope from a code, message and details. */
export const fail = (
  scope: RequestScope,
  code: ErrorCode,
  message: string,
  details?: unknown,
  extra?: Record<string, string>,
): Response => errorResponse(scope, { code, message, details }, undefined, extra);
