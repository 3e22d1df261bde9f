import { ERROR_STATUS, type ErrorCode } from '../../src/schemas/index.js';

/**
 * How the server recognises the core's "drop the connection" fault. By `name` as well as by
 * class, so a second copy of the package (or a test double) is recognised too.
 */
export function isConnectionDropped(error: unknown): boolean {
  return error instanceof Error && error.name === 'MockConnectionDroppedError';
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function requestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let id = 'req_';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/** An error answer in the contract's envelope, with `X-Request-Id` equal to `requestId`. */
function envelope(code: ErrorCode, message: string): Response {
  const id = requestId();
  const body = { error: { code, message, details: {}, requestId: id } };
  return Response.json(body, { status: ERROR_STATUS[code], headers: { 'x-request-id': id } });
}

/**
 * The answer when the mock's fetch handler throws (a bug: the handler answers its own errors
 * with an envelope, so this should never be seen): 500 `INTERNAL_ERROR` in the contract's shape.
 */
export function internalErrorResponse(): Response {
  return envelope('INTERNAL_ERROR', 'Internal error in the mock server');
}

/**
 * The answer to a request Node accepted but fetch cannot represent (e.g. a `TRACE` method,
 * which the `Request` constructor refuses): 400 `INVALID_REQUEST`.
 */
export function unrepresentableRequestResponse(reason: string): Response {
  return envelope('INVALID_REQUEST', `The request cannot be handled: ${reason}`);
}
