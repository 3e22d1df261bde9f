import { type KyInstance, type Options as KyOptions, TimeoutError } from 'ky';
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
 * The ky option that carries an attempt's signal to {@link attemptFetch}. ky hands options
 * it does not know to `fetch` as they are; giving ky a `signal` instead would make it call
 * `AbortSignal.any` on every request, which doubles its cost per call on Node 20.
 */
const ATTEMPT_SIGNAL = 'runraAttemptSignal';

/**
 * Wraps the caller's fetch (or `globalThis.fetch`, looked up at call time so that later
 * patches such as msw's apply) for ky: the attempt's signal is passed as `init.signal`.
 */
export function attemptFetch(fetch: FetchLike | undefined): typeof globalThis.fetch {
  return (input, init) => {
    const signal = (init as Record<string, AbortSignal> | undefined)?.[ATTEMPT_SIGNAL];
    const attemptInit = signal ? { signal } : undefined;
    return fetch ? fetch(input as Request, attemptInit) : globalThis.fetch(input, attemptInit);
  };
}

/** What a resource needs to send requests: the ky instance and the client's defaults. */
export interface Transport {
  readonly http: KyInstance;
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
const noop = () => {};

/** The error of a call cancelled by the caller's signal; `cause` is the signal's reason. */
export const userAbortError = (signal: AbortSignal): APIUserAbortError =>
  new APIUserAbortError({ code: 'USER_ABORT', message: 'the request was aborted', cause: signal.reason });

interface Received {
  response: Response;
  text: string;
}

const readText = async (response: Response): Promise<Received> => ({ response, text: await response.text() });

/**
 * One attempt, under its own timeout. A connection failure or timeout is returned, not
 * thrown; a caller's abort is thrown.
 *
 * Cost matters here (docs/decisions/0103): creating an `AbortSignal` or listening to one
 * costs several µs on Node 20, and `AbortSignal.any` (what ky does with a `signal` option)
 * doubles ky's cost per call. So without a caller's signal no signal is made: ky's own
 * `timeout` cancels the fetch, and our timer ends the attempt (body included). With a
 * caller's signal, a per-attempt controller reaches `fetch` as `init.signal`.
 */
async function attempt(
  http: KyInstance,
  path: string,
  options: KyOptions,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Received | APIError> {
  if (signal?.aborted) throw userAbortError(signal);
  let timedOut = false;
  // Settles the attempt at once on abort or timeout, even with a fetch that ignores signals.
  let fail: (reason: unknown) => void = noop;
  const ended = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  ended.catch(noop);
  const controller = signal ? new AbortController() : undefined;
  const stop = (reason?: unknown) => {
    controller?.abort(reason);
    fail(reason);
  };
  const onAbort = () => stop(signal?.reason);
  signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  try {
    const attemptOptions: KyOptions & { [ATTEMPT_SIGNAL]?: AbortSignal } = { ...options, timeout: timeoutMs };
    if (controller) attemptOptions[ATTEMPT_SIGNAL] = controller.signal;
    const received = http(path, attemptOptions).then(readText);
    received.catch(noop);
    return await Promise.race([received, ended]);
  } catch (cause) {
    if (signal?.aborted) throw userAbortError(signal);
    // ky's TimeoutError holds the request (and its Authorization header): never keep it.
    if (timedOut || cause instanceof TimeoutError) {
      return new APIConnectionTimeoutError({
        code: 'CONNECTION_TIMEOUT',
        message: `the request timed out after ${timeoutMs} ms`,
      });
    }
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    return new APIConnectionError({ code: 'CONNECTION_ERROR', message: `connection error${reason}`, cause });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends `call` with the retry rules of the contract: connection failures, timeouts and
 * 408/429/5xx are retried with backoff (or the server's `Retry-After`), every POST carries
 * one `Idempotency-Key` for all its attempts, and other answers are final.
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
  const headers =
    call.method === 'POST'
      ? { ...options.headers, 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() }
      : options.headers;
  const kyOptions: KyOptions = { method: call.method };
  if (headers) kyOptions.headers = headers;
  if (call.body !== undefined) kyOptions.json = call.body;
  if (call.query) kyOptions.searchParams = call.query;

  for (let retryIndex = 0; ; retryIndex++) {
    const outcome = await attempt(transport.http, call.path, kyOptions, timeoutMs, signal);
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
  const invalid = (issues: { path: string; message: string }[]) =>
    new APIResponseValidationError({
      code: 'INVALID_RESPONSE',
      message: `the ${response.status} response breaks the contract: ${issues.map((i) => `${i.path || '(body)'} ${i.message}`).join('; ')}`,
      status: response.status,
      requestId,
      headers: response.headers,
      details: { issues },
    });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid([{ path: '', message: 'the body is not JSON' }]);
  }
  const issues = issuesOf(schema, body);
  if (issues.length > 0) throw invalid(issues);
  return { data: body as T, response, requestId };
}
