import { ERROR_STATUS, type ErrorCode } from '../../src/schemas/index.js';
import { newRequestId, SeededRandom } from '../machine/random.js';

/**
 * How the server recognises the core's "drop the connection" fault. By `name` as well as by
 * class, so a second copy of the package (or a test double) is recognised too.
 */
export function isConnectionDropped(error: unknown): boolean {
  return error instanceof Error && error.name === 'MockConnectionDroppedError';
}

/** Ids for answers the core never saw, from a generator seeded once by the platform. */
let fallbackIds: SeededRandom | undefined;
function requestId(): string {
  fallbackIds ??= new SeededRandom(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);
  return newRequestId(fallbackIds);
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

/**
 * The answer to a request whose `Host` the server does not serve (see `host-check.ts`):
 * 403 `FORBIDDEN`, a code of the mock's own (the contract has no 403), as the control
 * plane's guard answers.
 */
export function forbiddenHostResponse(host: string): Response {
  const id = requestId();
  const message = `Host "${host}" is not served here: this mock answers IP addresses, localhost and the names it was told (runra-mock --allow-host <name>, startMockServer({ allowedHosts })); a guard against DNS rebinding`;
  const body = { error: { code: 'FORBIDDEN', message, details: { reason: 'host', host }, requestId: id } };
  return Response.json(body, { status: 403, headers: { 'x-request-id': id } });
}
