import { ERROR_ENVELOPE, issuesOf } from '../internal/validators.js';
import type { ErrorEnvelope } from '../schemas/errors.js';
import {
  APIError,
  AuthenticationError,
  IdempotencyConflictError,
  InternalServerError,
  InvalidConfigError,
  InvalidRequestError,
  InvalidStateError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ResourceExhaustedError,
  SandboxNotFoundError,
} from './errors.js';
import { retryAfterFromHeaders } from './retry.js';

type APIErrorClass = typeof APIError;

/** One class per contract code. A `Map`, so a code such as `constructor` finds nothing. */
const CLASS_BY_CODE: ReadonlyMap<string, APIErrorClass> = new Map<string, APIErrorClass>([
  ['INVALID_CONFIG', InvalidConfigError],
  ['INVALID_REQUEST', InvalidRequestError],
  ['UNAUTHORIZED', AuthenticationError],
  ['SANDBOX_NOT_FOUND', SandboxNotFoundError],
  ['NOT_FOUND', NotFoundError],
  ['METHOD_NOT_ALLOWED', MethodNotAllowedError],
  ['INVALID_STATE', InvalidStateError],
  ['IDEMPOTENCY_CONFLICT', IdempotencyConflictError],
  ['PAYLOAD_TOO_LARGE', PayloadTooLargeError],
  ['RATE_LIMITED', RateLimitedError],
  ['INTERNAL_ERROR', InternalServerError],
  ['RESOURCE_EXHAUSTED', ResourceExhaustedError],
]);

/** The class for a code this SDK does not know (or no code at all): by status. */
function classByStatus(status: number): APIErrorClass {
  if (status >= 500) return InternalServerError;
  switch (status) {
    case 400:
      return InvalidRequestError;
    case 401:
      return AuthenticationError;
    case 404:
      return NotFoundError;
    case 405:
      return MethodNotAllowedError;
    case 413:
      return PayloadTooLargeError;
    case 429:
      return RateLimitedError;
    default:
      return APIError;
  }
}

const SNIPPET_LENGTH = 200;

/** `details.retryAfterMs` when the body carries a usable one. */
function retryAfterFromDetails(details: unknown): number | undefined {
  const value = (details as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/**
 * Turns a non-2xx response (its body already read as `text`) into the matching typed
 * error: by the envelope's `code`, else by status. A body that is not the contract's
 * envelope (an HTML 502 page) still yields an `APIError` with code `HTTP_<status>`.
 */
export function errorFromResponse(response: Response, text: string): APIError {
  const { status, headers } = response;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const headerRequestId = headers.get('x-request-id') ?? undefined;
  if (issuesOf(ERROR_ENVELOPE, body).length === 0) {
    const { code, message, details, requestId } = (body as ErrorEnvelope).error;
    const ErrorClass = CLASS_BY_CODE.get(code) ?? classByStatus(status);
    return new ErrorClass({
      code,
      message,
      status,
      details,
      requestId: requestId ?? headerRequestId,
      headers,
      retryAfterMs: retryAfterFromHeaders(headers) ?? retryAfterFromDetails(details),
    });
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH);
  const ErrorClass = classByStatus(status);
  return new ErrorClass({
    code: `HTTP_${status}`,
    message: `${status} ${response.statusText}`.trim() + (snippet ? `: ${snippet}` : ''),
    status,
    requestId: headerRequestId,
    headers,
    retryAfterMs: retryAfterFromHeaders(headers),
  });
}
