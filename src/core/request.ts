import type { KyInstance } from 'ky';
import type { Node } from '../internal/descriptor.js';
import { issuesOf } from '../internal/validators.js';
import type { FieldIssue } from '../schemas/errors.js';
import type { WithResponse } from './api-promise.js';
import { type AttemptOptions, attempt, type Received, userAbortError } from './attempt.js';
import { errorFromResponse } from './error-from-response.js';
import { APIConnectionError, APIError, APIResponseValidationError, InvalidRequestError } from './errors.js';
import { type HeadersRecord, mergeHeaders } from './headers.js';
import { newIdempotencyKey } from './idempotency.js';
import type { Log } from './log.js';
import { retryDelayMs } from './retry.js';
import { sleep } from './sleep.js';

/**
 * Options every SDK method takes as its last argument.
 *
 * @example
 * ```ts
 * await runra.sandboxes.create({ image: 'node:22' }, { timeoutMs: 5000, idempotencyKey: 'job-42' });
 * ```
 */
export interface RequestOptions {
  /** Cancels the request in flight and any backoff wait at once (`APIUserAbortError`). */
  signal?: AbortSignal | undefined;
  /** Time allowed for one attempt, in milliseconds. @default the client's `timeoutMs` */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /**
   * Headers for this call, merged last: they replace the client's and the SDK's own of the
   * same name (whatever its case), and `undefined` removes one.
   */
  headers?: HeadersRecord | undefined;
  /** The `Idempotency-Key` of a POST, kept across retries. @default a random UUID */
  idempotencyKey?: string | undefined;
}

/** What a resource needs to send requests: the ky instance and the client's settings. */
export interface Transport {
  readonly http: KyInstance;
  /** `<baseURL>/v1/`: a call's path is appended to it. */
  readonly prefix: string;
  /** The client's headers, merged once: `defaultHeaders`, then the SDK's own. */
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly validateParams: boolean;
  /** Check every answer against the whole contract, not only what the SDK needs. */
  readonly strict: boolean;
  readonly log: Log | undefined;
}

/** One API call: `path` is relative to `<baseURL>/v1/` and already encoded. */
export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
  query?: URLSearchParams | undefined;
  /** `Date.now()` by which the whole call, retries included, must end (`waitUntil`). */
  deadline?: number | undefined;
}

/** The largest delay `setTimeout` honours; longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Errors thrown because the call's deadline left no time for their retry. */
export const cutByDeadline: WeakSet<APIError> = new WeakSet();

/** Methods HTTP does not make idempotent: each carries an `Idempotency-Key`. */
const UNSAFE = /^P(OST|ATCH)$/;

/** `JSON.stringify`, with a typed error (no request is sent) for values JSON cannot hold. */
function serialise(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    throw new InvalidRequestError({
      code: 'INVALID_REQUEST',
      message: `the request body cannot be sent as JSON${reason}`,
      cause,
    });
  }
}

/**
 * A redirect, which the SDK never follows (docs/decisions/0109): fetch would re-send the
 * request, body and all, to whatever `Location` names. A browser hides both the status and
 * the target of a redirect it did not follow (an `opaqueredirect` response, status 0).
 */
function redirectError(response: Response): APIError {
  const opaque = response.type === 'opaqueredirect';
  return new APIError({
    code: 'UNEXPECTED_REDIRECT',
    message: `the API answered ${opaque ? 'a redirect (the browser hides where to)' : `${response.status}, a redirect to ${response.headers.get('location')}`}: runra never follows redirects`,
    status: opaque ? undefined : response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    headers: response.headers,
  });
}

/**
 * Sends `call` with the retry rules of the contract: connection failures, timeouts and
 * 408/429/5xx are retried with backoff (or the server's `Retry-After`), every POST carries
 * one `Idempotency-Key` for all its attempts, and other answers are final. Headers merge
 * in one place ({@link mergeHeaders}); a redirect is an error, never followed.
 *
 * ky gets the fewest options possible: `retry`, `timeout`, `redirect` and `fetch` live on
 * the instance, the query is part of the URL, and a plain GET passes the client's headers
 * as they were merged once.
 *
 * @throws {APIError} the typed error of the last attempt
 * @throws {APIUserAbortError} when `options.signal` aborts
 */
export async function send(
  transport: Transport,
  call: ApiCall,
  options: RequestOptions = {},
): Promise<Received> {
  const { signal } = options;
  const { log } = transport;
  const maxRetries = options.maxRetries ?? transport.maxRetries;
  const timeoutMs = Math.min(options.timeoutMs ?? transport.timeoutMs, MAX_TIMER_MS);
  const own: HeadersRecord = {};
  const kyOptions: AttemptOptions = { method: call.method };
  if (UNSAFE.test(call.method)) own['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  // Serialised here, once, so a body JSON cannot hold (a BigInt, a cycle) is the caller's
  // error at once instead of a "connection error" retried inside ky.
  if (call.body !== undefined) {
    kyOptions.body = serialise(call.body);
    own['content-type'] = 'application/json';
  }
  kyOptions.headers =
    options.headers || kyOptions.body !== undefined || UNSAFE.test(call.method)
      ? mergeHeaders(transport.headers, own, options.headers)
      : transport.headers;
  const query = call.query?.toString();
  const url = transport.prefix + call.path + (query ? `?${query}` : '');
  const started = Date.now();
  const tries = maxRetries + 1;

  for (let index = 0; ; index++) {
    const begun = Date.now();
    const left = call.deadline === undefined ? timeoutMs : Math.max(0, call.deadline - begun);
    const outcome = await attempt(transport.http, url, kyOptions, Math.min(timeoutMs, left), signal);
    // One log line per attempt: method, path, outcome, request id, attempt n of m, time, retry.
    const line = (what: string, requestId: string | null | undefined, retry = '') =>
      `${call.method} /v1/${call.path} ${what}${requestId ? ` ${requestId}` : ''} (attempt ${index + 1} of ${tries}, ${Date.now() - begun} ms)${retry}`;
    let error: APIError;
    if (outcome instanceof APIError) error = outcome;
    else {
      const { response } = outcome;
      if (response.ok) {
        log?.('debug', line(String(response.status), response.headers.get('x-request-id')));
        return outcome;
      }
      error =
        response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
          ? redirectError(response)
          : errorFromResponse(response, outcome.text);
    }
    let delay = index < maxRetries ? retryDelayMs(error, index) : undefined;
    if (delay !== undefined && call.deadline !== undefined && Date.now() + delay >= call.deadline) {
      delay = undefined;
      cutByDeadline.add(error);
    }
    const { status } = error;
    log?.(
      delay !== undefined ? 'warn' : status === undefined || status >= 500 ? 'error' : 'info',
      line(
        status === undefined ? error.message : `${status} ${error.code}`,
        error.requestId,
        delay === undefined
          ? ''
          : `; retrying in ${Math.round(delay)} ms${error.retryAfterMs === undefined ? '' : ', as the server asked'}`,
      ),
    );
    if (delay === undefined) {
      // A failure without an answer says how hard the SDK tried.
      if (error instanceof APIConnectionError) {
        error.message += ` (attempt ${index + 1} of ${tries}, each up to ${timeoutMs} ms, ${((Date.now() - started) / 1000).toFixed(1)} s in all)`;
      }
      throw error;
    }
    try {
      await sleep(delay, signal);
    } catch {
      throw userAbortError(signal as AbortSignal);
    }
  }
}

/** Issues as one line: `image must not be empty; resources.cpu must be one of 2, 4, 8, got 3`. */
export const issueList = (issues: FieldIssue[]): string =>
  issues.map((issue) => `${issue.path || '(body)'} ${issue.message}`).join('; ');

/** The error of a 2xx body that is not JSON or breaks the contract. */
export function invalidResponse(response: Response, issues: FieldIssue[]): APIResponseValidationError {
  return new APIResponseValidationError({
    code: 'INVALID_RESPONSE',
    message: `the ${response.status} response breaks the contract: ${issueList(issues)}`,
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    headers: response.headers,
    details: { issues },
  });
}

/**
 * Sends `call` and checks the body: against `lenient` (what the SDK needs) by default,
 * against `strict` (the whole contract) with `strictResponseValidation`. The original
 * parsed JSON is returned, so fields this SDK does not know survive.
 *
 * @throws {APIResponseValidationError} when the body is not JSON or fails the check
 */
export async function requestParsed<T>(
  transport: Transport,
  call: ApiCall,
  options: RequestOptions | undefined,
  lenient: Node,
  strict: Node,
): Promise<WithResponse<T>> {
  const { response, text } = await send(transport, call, options);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidResponse(response, [{ path: '', message: 'is not JSON' }]);
  }
  const issues = issuesOf(transport.strict ? strict : lenient, body);
  if (issues.length > 0) throw invalidResponse(response, issues);
  return { data: body as T, response, requestId: response.headers.get('x-request-id') ?? undefined };
}
