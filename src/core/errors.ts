import type { ErrorCode } from '../schemas/error-codes.js';
import type { SandboxState } from '../schemas/sandbox.js';
import type { ValidationDetails } from '../schemas/validate.js';

/**
 * The base of every error the SDK throws. `code` is a plain string, so
 * `err.code === 'SANDBOX_NOT_FOUND'` works even across two copies of the package, where
 * `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   await runra.sandboxes.get(id);
 * } catch (err) {
 *   if (err instanceof RunraError) console.log(err.code);
 * }
 * ```
 */
export class RunraError extends Error {
  override readonly name: string = 'RunraError';
  /** A stable, machine-readable code, e.g. `SANDBOX_NOT_FOUND` or `MISSING_API_KEY`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * What an {@link APIError} is made of. Only `code` and `message` are always known.
 *
 * @example
 * ```ts
 * const init: APIErrorInit = { code: 'INTERNAL_ERROR', message: 'boom', status: 500 };
 * ```
 */
export interface APIErrorInit {
  code: string;
  message: string;
  /** HTTP status; `undefined` when no response was received (or the SDK refused to send). */
  status?: number | undefined;
  details?: unknown;
  requestId?: string | undefined;
  /** The response headers (never the request's). */
  headers?: Headers | undefined;
  /** How long the server asked to wait before retrying, in milliseconds. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * An error of the Runra API, or of talking to it. Subclasses name each contract error
 * code; an unknown code falls back to a class by status (see `errorFromResponse`).
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof APIError) console.log(err.status, err.code, err.requestId);
 * }
 * ```
 */
export class APIError extends RunraError {
  override readonly name: string = 'APIError';
  declare readonly code: ErrorCode | (string & {});
  /** HTTP status, or `undefined` when there was no response. */
  readonly status: number | undefined;
  /** The `details` of the error body (shape per code, see the contract). */
  readonly details: unknown;
  /** `requestId` of the error body or the `X-Request-Id` header: quote it to support. */
  readonly requestId: string | undefined;
  /** The response headers, when there was a response. */
  readonly headers: Headers | undefined;
  /** The wait the server asked for (`retry-after-ms`, `Retry-After` or `details.retryAfterMs`). */
  readonly retryAfterMs: number | undefined;

  constructor(init: APIErrorInit) {
    super(init.code, init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * `INVALID_CONFIG`: create params break a rule. Raised by the server (400) or, before any
 * request, by the SDK's own validation (then `status` is `undefined`). `details` names
 * every offending field either way.
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof InvalidConfigError) console.log(err.details.issues);
 * }
 * ```
 */
export class InvalidConfigError extends APIError {
  override readonly name: string = 'InvalidConfigError';
  declare readonly details: ValidationDetails;
}

/**
 * `INVALID_REQUEST` (400): malformed body or query; also raised before sending for an id
 * that cannot name a sandbox (empty, `.` or `..`).
 *
 * @example
 * ```ts
 * if (err instanceof InvalidRequestError) console.log(err.message);
 * ```
 */
export class InvalidRequestError extends APIError {
  override readonly name: string = 'InvalidRequestError';
}

/**
 * `UNAUTHORIZED` (401): missing, malformed or unknown API key.
 *
 * @example
 * ```ts
 * if (err instanceof AuthenticationError) console.log('check RUNRA_API_KEY');
 * ```
 */
export class AuthenticationError extends APIError {
  override readonly name: string = 'AuthenticationError';
}

/**
 * `NOT_FOUND` (404): no such route, e.g. a wrong `baseURL`. Also the parent of
 * {@link SandboxNotFoundError}.
 *
 * @example
 * ```ts
 * if (err instanceof NotFoundError) console.log(err.status); // 404
 * ```
 */
export class NotFoundError extends APIError {
  override readonly name: string = 'NotFoundError';
}

/**
 * `SANDBOX_NOT_FOUND` (404): no such sandbox for this API key.
 *
 * @example
 * ```ts
 * if (err instanceof SandboxNotFoundError) console.log(err.details.sandboxId);
 * ```
 */
export class SandboxNotFoundError extends NotFoundError {
  override readonly name: string = 'SandboxNotFoundError';
  declare readonly details: { sandboxId: string };
}

/**
 * `METHOD_NOT_ALLOWED` (405): a known path with the wrong method.
 *
 * @example
 * ```ts
 * if (err instanceof MethodNotAllowedError) console.log(err.headers?.get('allow'));
 * ```
 */
export class MethodNotAllowedError extends APIError {
  override readonly name: string = 'MethodNotAllowedError';
}

/**
 * `INVALID_STATE` (409): the transition is not allowed from the current state. Never retried.
 *
 * @example
 * ```ts
 * if (err instanceof InvalidStateError) console.log(err.details.currentState);
 * ```
 */
export class InvalidStateError extends APIError {
  override readonly name: string = 'InvalidStateError';
  declare readonly details: { sandboxId: string; currentState: SandboxState };
}

/**
 * `IDEMPOTENCY_CONFLICT` (409): an `Idempotency-Key` reused with another body or route.
 *
 * @example
 * ```ts
 * if (err instanceof IdempotencyConflictError) console.log('use a fresh idempotencyKey');
 * ```
 */
export class IdempotencyConflictError extends APIError {
  override readonly name: string = 'IdempotencyConflictError';
}

/**
 * `PAYLOAD_TOO_LARGE` (413): the request body is over 1 MiB.
 *
 * @example
 * ```ts
 * if (err instanceof PayloadTooLargeError) console.log('shrink env or metadata');
 * ```
 */
export class PayloadTooLargeError extends APIError {
  override readonly name: string = 'PayloadTooLargeError';
}

/**
 * `RATE_LIMITED` (429): the creation rate limit is exceeded; see `retryAfterMs`.
 *
 * @example
 * ```ts
 * if (err instanceof RateLimitedError) setTimeout(retry, err.retryAfterMs ?? 1000);
 * ```
 */
export class RateLimitedError extends APIError {
  override readonly name: string = 'RateLimitedError';
}

/**
 * `RESOURCE_EXHAUSTED` (503): no compute capacity; see `retryAfterMs`.
 *
 * @example
 * ```ts
 * if (err instanceof ResourceExhaustedError) console.log(err.retryAfterMs);
 * ```
 */
export class ResourceExhaustedError extends APIError {
  override readonly name: string = 'ResourceExhaustedError';
}

/**
 * `INTERNAL_ERROR` (500), or any 5xx answer with an unknown code or a non-JSON body.
 *
 * @example
 * ```ts
 * if (err instanceof InternalServerError) console.log(err.status, err.requestId);
 * ```
 */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError';
}

/**
 * The connection failed: no response was received (`status` is `undefined`). Retried.
 *
 * @example
 * ```ts
 * if (err instanceof APIConnectionError) console.log(err.cause);
 * ```
 */
export class APIConnectionError extends APIError {
  override readonly name: string = 'APIConnectionError';
}

/**
 * An attempt took longer than `timeoutMs`. Retried like a connection failure.
 *
 * @example
 * ```ts
 * if (err instanceof APIConnectionTimeoutError) console.log('raise timeoutMs?');
 * ```
 */
export class APIConnectionTimeoutError extends APIConnectionError {
  override readonly name: string = 'APIConnectionTimeoutError';
}

/**
 * The caller's `AbortSignal` fired; `cause` is its reason. Never retried.
 *
 * @example
 * ```ts
 * if (err instanceof APIUserAbortError) return; // we cancelled it
 * ```
 */
export class APIUserAbortError extends APIError {
  override readonly name: string = 'APIUserAbortError';
}

/**
 * A successful response whose body breaks the contract (not JSON, or e.g. no `id`).
 * `details.issues` lists what is wrong.
 *
 * @example
 * ```ts
 * if (err instanceof APIResponseValidationError) console.log(err.requestId, err.details);
 * ```
 */
export class APIResponseValidationError extends APIError {
  override readonly name: string = 'APIResponseValidationError';
  declare readonly details: { issues: { path: string; message: string }[] };
}

/**
 * `waitUntil` ran out of time; `lastState` is the state last seen.
 *
 * @example
 * ```ts
 * if (err instanceof WaitTimeoutError) console.log(err.lastState);
 * ```
 */
export class WaitTimeoutError extends RunraError {
  override readonly name: string = 'WaitTimeoutError';
  /** The state last seen, or `undefined` if no poll completed. */
  readonly lastState: SandboxState | undefined;

  constructor(sandboxId: string, target: SandboxState, lastState: SandboxState | undefined, cause?: unknown) {
    super(
      'WAIT_TIMEOUT',
      `sandbox ${sandboxId} did not reach ${target} in time (last state: ${lastState ?? 'unknown'})`,
      cause === undefined ? undefined : { cause },
    );
    this.lastState = lastState;
  }
}

/**
 * `waitUntil` saw a state from which the target cannot be reached (e.g. `terminated`
 * while waiting for `running`).
 *
 * @example
 * ```ts
 * if (err instanceof UnreachableStateError) console.log(err.lastState); // 'terminated'
 * ```
 */
export class UnreachableStateError extends RunraError {
  override readonly name: string = 'UnreachableStateError';
  /** The state that makes the target unreachable. */
  readonly lastState: SandboxState;

  constructor(sandboxId: string, target: SandboxState, lastState: SandboxState) {
    super('UNREACHABLE_STATE', `sandbox ${sandboxId} is ${lastState}: it can no longer become ${target}`);
    this.lastState = lastState;
  }
}
