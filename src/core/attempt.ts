import type { KyInstance, Options as KyOptions } from 'ky';
import { onAbort } from './abort.js';
import { APIConnectionError, APIConnectionTimeoutError, type APIError, APIUserAbortError } from './errors.js';

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
export type AttemptOptions = KyOptions & { [ATTEMPT_CONTROLLER]?: AbortController };

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

/** The error of a call cancelled by the caller's signal; `cause` is the signal's reason. */
export const userAbortError = (signal: AbortSignal): APIUserAbortError =>
  new APIUserAbortError({ code: 'USER_ABORT', message: 'the request was aborted', cause: signal.reason });

interface Failure {
  message?: unknown;
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

/**
 * Why a fetch failed, in one line: the system error and where (`ECONNREFUSED
 * 127.0.0.1:4010`, `ENOTFOUND api.example`) found down the `cause` chain (and the
 * `AggregateError` of a dual-stack connect), else the deepest message.
 */
export function rootCause(error: unknown): string {
  let message = String(error);
  for (let at = error as Failure | undefined, depth = 0; at instanceof Object && depth < 9; depth++) {
    if (typeof at.message === 'string' && at.message) message = at.message;
    const where = at.address ? `${at.address}${at.port ? `:${at.port}` : ''}` : at.hostname;
    if (typeof at.code === 'string' && where) return `${at.code} ${where}`;
    at = (at.errors?.[0] ?? at.cause) as Failure | undefined;
  }
  return message;
}

/** What one attempt received: the response and its whole body. */
export interface Received {
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
 * fetch that ignores signals. The caller's signal gets one listener however many calls
 * share it (`onAbort`).
 */
export function attempt(
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
    const off = signal
      ? onAbort(signal, () => {
          end();
          controller.abort(signal.reason);
          reject(userAbortError(signal));
        })
      : undefined;
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
      off?.();
    };
    const failed = (cause: unknown) => {
      end();
      resolve(
        new APIConnectionError({
          code: 'CONNECTION_ERROR',
          message: `connection error: ${rootCause(cause)}`,
          cause,
        }),
      );
    };
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
