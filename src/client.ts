import ky from 'ky';
import { checkApiKey } from './core/api-key.js';
import type { APIPromise } from './core/api-promise.js';
import { attemptFetch, type FetchLike } from './core/attempt.js';
import { callEndpoint, type EndpointOptions } from './core/endpoint.js';
import { readEnv } from './core/env.js';
import { RunraError } from './core/errors.js';
import { type HeadersRecord, mergeHeaders } from './core/headers.js';
import { type Logger, type LogLevel, makeLog } from './core/log.js';
import { isBrowser, userAgent } from './core/platform.js';
import type { Transport } from './core/request.js';
import { Sandboxes } from './resources/sandboxes.js';
import { API_BASE_URL } from './schemas/limits.js';

/**
 * Options of `new Runra()`; every one is optional.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { apiKey: 'sk_test_…', timeoutMs: 20_000, maxRetries: 4 };
 * ```
 */
export interface ClientOptions {
  /**
   * Sent as `Authorization: Bearer …`; printable ASCII without spaces, checked when the
   * client is made. @default process.env.RUNRA_API_KEY
   */
  apiKey?: string | undefined;
  /** Where requests go (`/v1` is appended); `http:` or `https:`. @default process.env.RUNRA_BASE_URL, else 'https://api.box.runra.dev' */
  baseURL?: string | undefined;
  /** Time allowed for one attempt, in milliseconds. @default 60000 */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt; `0` disables them. @default 2 */
  maxRetries?: number | undefined;
  /** The fetch to send requests with. @default globalThis.fetch */
  fetch?: FetchLike | undefined;
  /**
   * Headers on every request, merged first: the SDK's own (`Accept`, `Authorization`,
   * `User-Agent`, `Content-Type`, `Idempotency-Key`) replace them, a call's `headers`
   * replace both. Names are case-insensitive.
   */
  defaultHeaders?: HeadersRecord | undefined;
  /** Check create params against the contract before sending. @default true */
  validateParams?: boolean | undefined;
  /**
   * Check every answer against the whole contract (`APIResponseValidationError` on any
   * drift). By default only what the SDK needs is checked (a sandbox's `id` and `state`, a
   * page's `data` and `pagination`) and the rest passes through as it came. @default false
   */
  strictResponseValidation?: boolean | undefined;
  /** The lowest level logged: `'error'`, `'warn'`, `'info'` or `'debug'` (one line per attempt). @default process.env.RUNRA_LOG, else 'off' */
  logLevel?: LogLevel | undefined;
  /** Where log lines go: any object with console's `error`, `warn`, `info` and `debug`. @default console */
  logger?: Logger | undefined;
  /**
   * Allow `new Runra()` in a browser page aimed at the real API, where every visitor can
   * read the key. Not needed with a custom `fetch` or `baseURL` (the mock, your proxy).
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const REDACTED = '[redacted]';

/** The base URL from the option or `RUNRA_BASE_URL`, refused unless it is an http(s) URL. */
function checkedBaseURL(option: string | undefined): string {
  const fromEnv = option === undefined ? readEnv('RUNRA_BASE_URL') : undefined;
  const baseURL = (option ?? fromEnv ?? API_BASE_URL).replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {}
  if (!/^https?:$/.test(url?.protocol as string) || url?.username || url?.password) {
    throw new RunraError(
      'INVALID_BASE_URL',
      `${fromEnv === undefined ? 'baseURL' : 'RUNRA_BASE_URL'} must be an http(s) URL without credentials, got ${JSON.stringify(baseURL)}`,
    );
  }
  return baseURL;
}

/**
 * The Runra Sandboxes API client. The API key stays in a private field: `JSON.stringify`,
 * `util.inspect` and `String()` of the client never show it.
 *
 * @example
 * ```ts
 * import { Runra } from 'runra';
 *
 * const runra = new Runra(); // reads RUNRA_API_KEY
 * const sandbox = await runra.sandboxes.create({ image: 'node:22' });
 * ```
 */
export class Runra {
  /** Create, list, get, pause, resume and terminate sandboxes. */
  readonly sandboxes: Sandboxes;
  /** The base URL requests go to (without `/v1`). */
  readonly baseURL: string;
  /** Time allowed for one attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly #options: ClientOptions;
  readonly #transport: Transport;

  /**
   * @throws {RunraError} code `MISSING_API_KEY` when there is no API key (no request is sent)
   * @throws {RunraError} code `INVALID_API_KEY` when the key holds whitespace, a control or a non-ASCII character
   * @throws {RunraError} code `INVALID_BASE_URL` when `baseURL` (or `RUNRA_BASE_URL`) is not an http(s) URL
   * @throws {RunraError} code `BROWSER_NOT_ALLOWED` in a browser page aimed at the real API, without `dangerouslyAllowBrowser`
   */
  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('RUNRA_API_KEY');
    if (!apiKey) {
      throw new RunraError(
        'MISSING_API_KEY',
        'No API key: set the RUNRA_API_KEY environment variable or pass `new Runra({ apiKey })`.',
      );
    }
    checkApiKey(apiKey, options.apiKey === undefined ? 'RUNRA_API_KEY' : 'the apiKey option');
    const baseURL = checkedBaseURL(options.baseURL);
    if (isBrowser() && !options.dangerouslyAllowBrowser && !options.fetch && baseURL === API_BASE_URL) {
      throw new RunraError(
        'BROWSER_NOT_ALLOWED',
        'In a browser page the API key is public: call the API from a server or proxy (baseURL), or set dangerouslyAllowBrowser: true.',
      );
    }
    this.#options = { ...options, apiKey };
    this.baseURL = baseURL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#transport = {
      // Everything constant lives on the instance, so each call merges as little as possible.
      http: ky.create({
        fetch: attemptFetch(options.fetch),
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        redirect: 'manual',
      }),
      prefix: `${baseURL}/v1/`,
      headers: mergeHeaders(options.defaultHeaders, {
        accept: 'application/json',
        authorization: `Bearer ${apiKey}`,
        'user-agent': userAgent(),
      }),
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      validateParams: options.validateParams ?? true,
      strict: options.strictResponseValidation ?? false,
      log: makeLog(options.logLevel, options.logger),
    };
    this.sandboxes = new Sandboxes(this.#transport);
  }

  /**
   * Calls any path of the API (one this SDK does not wrap yet) with the client's auth,
   * headers, retries, `Idempotency-Key` (on POST and PATCH), typed errors and logging.
   * `path` is appended to `<baseURL>/v1/`; the answer's type `T` is yours to check.
   *
   * @example
   * ```ts
   * const result = await runra.request<{ exitCode: number }>('POST', `/sandboxes/${id}/exec`, {
   *   body: { command: ['ls'] },
   * });
   * ```
   * @throws {InvalidRequestError} a body on GET or HEAD, or one JSON cannot hold (nothing is sent)
   * @throws {APIError} the typed error of the answer, after the retries
   */
  request<T = unknown>(method: string, path: string, options?: EndpointOptions): APIPromise<T> {
    return callEndpoint<T>(this.#transport, method, path, options);
  }

  /**
   * `GET` any path of the API; see {@link Runra.request}.
   *
   * @example
   * ```ts
   * const usage = await runra.get<{ cpuSeconds: number }>('/usage', { query: { month: '2026-06' } });
   * ```
   * @throws {APIError} the typed error of the answer, after the retries
   */
  get<T = unknown>(path: string, options?: EndpointOptions): APIPromise<T> {
    return this.request<T>('GET', path, options);
  }

  /**
   * `POST` to any path of the API, with an `Idempotency-Key` kept across retries; see {@link Runra.request}.
   *
   * @example
   * ```ts
   * await runra.post(`/sandboxes/${id}/exec`, { body: { command: ['ls'] } });
   * ```
   * @throws {APIError} the typed error of the answer, after the retries
   */
  post<T = unknown>(path: string, options?: EndpointOptions): APIPromise<T> {
    return this.request<T>('POST', path, options);
  }

  /**
   * `PUT` to any path of the API; see {@link Runra.request}.
   *
   * @example
   * ```ts
   * await runra.put(`/sandboxes/${id}/files/app.js`, { body: { content: 'console.log(1)' } });
   * ```
   * @throws {APIError} the typed error of the answer, after the retries
   */
  put<T = unknown>(path: string, options?: EndpointOptions): APIPromise<T> {
    return this.request<T>('PUT', path, options);
  }

  /**
   * `PATCH` any path of the API, with an `Idempotency-Key` kept across retries; see {@link Runra.request}.
   *
   * @example
   * ```ts
   * await runra.patch(`/sandboxes/${id}`, { body: { metadata: { team: 'core' } } });
   * ```
   * @throws {APIError} the typed error of the answer, after the retries
   */
  patch<T = unknown>(path: string, options?: EndpointOptions): APIPromise<T> {
    return this.request<T>('PATCH', path, options);
  }

  /**
   * `DELETE` any path of the API; see {@link Runra.request}.
   *
   * @example
   * ```ts
   * await runra.delete(`/sandboxes/${id}/files/tmp.txt`);
   * ```
   * @throws {APIError} the typed error of the answer, after the retries
   */
  delete<T = unknown>(path: string, options?: EndpointOptions): APIPromise<T> {
    return this.request<T>('DELETE', path, options);
  }

  /**
   * A new client with some options changed; this one is untouched.
   *
   * @example
   * ```ts
   * const patient = runra.withOptions({ timeoutMs: 120_000, maxRetries: 5 });
   * ```
   */
  withOptions(options: ClientOptions): Runra {
    return new Runra({ ...this.#options, ...options });
  }

  /**
   * The client's settings, with the API key redacted.
   *
   * @example
   * ```ts
   * JSON.stringify(runra); // {"baseURL":"https://api.box.runra.dev",…,"apiKey":"[redacted]"}
   * ```
   */
  toJSON(): { baseURL: string; timeoutMs: number; maxRetries: number; apiKey: string } {
    return {
      baseURL: this.baseURL,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      apiKey: REDACTED,
    };
  }

  /** What `util.inspect` and `console.log` show in Node: the settings, key redacted. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Runra ${JSON.stringify(this.toJSON())}`;
  }
}
