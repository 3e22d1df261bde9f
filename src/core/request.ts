import type { KyInstance, Options as KyOptions } from 'ky';
import type { Node } from '../internal/descriptor.js';
import { issuesOf } from '../internal/validators.js';
import type { WithResponse } from './api-promise.js';
import { errorFromResponse } from './error-from-response.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIResponseValidationError,
  APIUserAbortError,
  InvalidRequestError,
} from './errors.js';
import { newIdempotencyKey } from './idempotency.js';
import { retryDelayMs } from './retry.js';
import { sleep } from './sleep.js';

/**
 * Headers as a plain object; a value of `undefined` removes a header set by the client.
 *
 * @example
 * ```ts
 * const headers: HeadersRecord = { 'X-Team': 'platform' };
 * ```
 */
export type HeadersRecord = Record<string, string | undefined>;

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
  /** Extra headers for this call. */
  headers?: HeadersRecord | undefined;
  /** The `Idempotency-Key` of a POST, kept across retries. @default a random UUID */
  idempotencyKey?: string | undefined;
}

/**
 * Any fetch-compatible function. The SDK calls it with a `Request` (as ky does) and an
 * `init` holding the attempt's `signal`, so `fetch` itself fits, and so does a handler of
 * the shape `(request: Request) => Promise<Response>` (an abort then still ends the call
 * at once; the handler just is not told).
 *
 * @example
 * ```ts
 * const logged: FetchLike = (request, init) => (console.log(request.url), fetch(request, init));
 * ```
 */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * The ky option that carries an attempt's `AbortController` to {@link attemptFetch}. ky hands
 * options it does not know to `fetch` as they are; giving ky a `signal` instead would make it
 * call `AbortSignal.any` on every request, which doubles its cost per call on Node 20.
 */
const ATTEMPT_CONTROLLER = 'runraAttemptController';

/** The options handed to ky for one call; the attempt's controller is set before each attempt. */
type AttemptOptions = KyOptions & { [ATTEMPT_CONTROLLER]?: AbortController };

/**
 * Wraps the caller's fetch (or `globalThis.fetch`, looked up at call time so that later
 * patches such as msw's apply) for ky: the attempt's signal is passed as `init.signal`.
 * It is made on first read: creating an `AbortSignal` costs ~3 µs on Node 20, which a
 * fetch that never looks at it (an in-process handler) need not pay.
 */
export function attemptFetch(fetch: FetchLike | undefined): typeof globalThis.fetch {
  return (input, init) => {
    const controller = (init as AttemptOptions)[ATTEMPT_CONTROLLER] as AbortController;
    const attemptInit = {
      get signal() {
        return controller.signal;
      },
    };
    return fetch ? fetch(input as Request, attemptInit) : globalThis.fetch(input, attemptInit);
  };
}

/** What a resource needs to send requests: the ky instance and the client's defaults. */
export interface Transport {
  readonly http: KyInstance;
  /** `<baseURL>/v1/`: a call's path is appended to it. */
  readonly prefix: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly validateParams: boolean;
}

/** One API call: `path` is relative to `<baseURL>/v1/` and already encoded. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  query?: URLSearchParams;
}

/** The largest delay `setTimeout` honours; longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** The error of a call cancelled by the caller's signal; `cause` is the signal's reason. */
export const userAbortError = (signal: AbortSignal): APIUserAbortError =>
  new APIUserAbortError({ code: 'USER_ABORT', message: 'the request was aborted', cause: signal.reason });

interface Received {
  response: Response;
  text: string;
}

/**
 * One attempt, under its own timeout that covers the body too. A connection failure or
 * timeout is returned, not thrown; a caller's abort is thrown.
 *
 * Cost matters here (figures in docs/decisions/0103): ky is given `timeout: false` and no
 * `signal`, so it adds neither its timeout wrapper nor `AbortSignal.any`. One controller per
 * attempt reaches `fetch` as `init.signal`: our timer or the caller's abort cancels the
 * request for real (a stalled body included), and the attempt settles at once even with a
 * fetch that ignores signals.
 */
function attempt(
  http: KyInstance,
  url: string,
  options: AttemptOptions,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Received | APIError> {
  if (signal?.aborted) throw userAbortError(signal);
  const controller = new AbortController();
  options[ATTEMPT_CONTROLLER] = controller;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      end();
      controller.abort(signal?.reason);
      reject(userAbortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      end();
      controller.abort();
      resolve(
        new APIConnectionTimeoutError({
          code: 'CONNECTION_TIMEOUT',
          message: `the request timed out after ${timeoutMs} ms`,
        }),
      );
    }, timeoutMs);
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const failed = (cause: unknown) => {
      end();
      const reason = cause instanceof Error ? `: ${cause.message}` : '';
      resolve(
        new APIConnectionError({ code: 'CONNECTION_ERROR', message: `connection error${reason}`, cause }),
      );
    };
    signal?.addEventListener('abort', onAbort);
    // Once settled by a timeout or an abort, later outcomes of the request are ignored.
    try {
      http(url, options)
        .then((response) =>
          response.text().then((text) => {
            end();
            resolve({ response, text });
          }),
        )
        .catch(failed);
    } catch (cause) {
      failed(cause);
    }
  });
}

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
 * Sends `call` with the retry rules of the contract: connection failures, timeouts and
 * 408/429/5xx are retried with backoff (or the server's `Retry-After`), every POST carries
 * one `Idempotency-Key` for all its attempts, and other answers are final.
 *
 * ky gets the fewest options possible: the client's headers, `retry`, `timeout` and `fetch`
 * live on the instance, the query is part of the URL, and a GET without extra headers
 * passes only the attempt's signal.
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
  const maxRetries = options.maxRetries ?? transport.maxRetries;
  const timeoutMs = Math.min(options.timeoutMs ?? transport.timeoutMs, MAX_TIMER_MS);
  const kyOptions: AttemptOptions = {};
  if (call.method !== 'GET') kyOptions.method = call.method;
  if (call.method === 'POST') {
    const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    kyOptions.headers = { ...options.headers, 'Idempotency-Key': idempotencyKey };
  } else if (options.headers) {
    kyOptions.headers = options.headers;
  }
  // Serialised here, once, so a body JSON cannot hold (a BigInt, a cycle) is the caller's
  // error at once instead of a "connection error" retried inside ky.
  if (call.body !== undefined) {
    kyOptions.body = serialise(call.body);
    kyOptions.headers = { ...kyOptions.headers, 'Content-Type': 'application/json' };
  }
  const query = call.query?.toString();
  const url = transport.prefix + call.path + (query ? `?${query}` : '');

  for (let retryIndex = 0; ; retryIndex++) {
    const outcome = await attempt(transport.http, url, kyOptions, timeoutMs, signal);
    let error: APIError;
    if (outcome instanceof APIError) error = outcome;
    else if (outcome.response.ok) return outcome;
    else error = errorFromResponse(outcome.response, outcome.text);
    const delay = retryIndex < maxRetries ? retryDelayMs(error, retryIndex) : undefined;
    if (delay === undefined) throw error;
    try {
      await sleep(delay, signal);
    } catch {
      throw userAbortError(signal as AbortSignal);
    }
  }
}

/** The error of a 2xx body that is not JSON or breaks the contract. */
function invalidResponse(
  response: Response,
  requestId: string | undefined,
  issues: { path: string; message: string }[],
): APIResponseValidationError {
  return new APIResponseValidationError({
    code: 'INVALID_RESPONSE',
    message: `the ${response.status} response breaks the contract: ${issues.map((i) => `${i.path || '(body)'} ${i.message}`).join('; ')}`,
    status: response.status,
    requestId,
    headers: response.headers,
    details: { issues },
  });
}

/**
 * Sends `call` and checks the body against `schema`, a contract schema as generated
 * descriptor. On success the original parsed JSON is returned, so fields this SDK does not
 * know survive.
 *
 * @throws {APIResponseValidationError} when the body is not JSON or breaks the contract
 */
export async function requestParsed<T>(
  transport: Transport,
  call: ApiCall,
  options: RequestOptions | undefined,
  schema: Node,
): Promise<WithResponse<T>> {
  const { response, text } = await send(transport, call, options);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidResponse(response, requestId, [{ path: '', message: 'the body is not JSON' }]);
  }
  const issues = issuesOf(schema, body);
  if (issues.length > 0) throw invalidResponse(response, requestId, issues);
  return { data: body as T, response, requestId };
}
