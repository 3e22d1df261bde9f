import ky from 'ky';
import { readEnv } from './core/env.js';
import { RunraError } from './core/errors.js';
import { attemptFetch, type FetchLike, type HeadersRecord, type Transport } from './core/request.js';
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
  /** Sent as `Authorization: Bearer …`. @default process.env.RUNRA_API_KEY */
  apiKey?: string | undefined;
  /** Where requests go (`/v1` is appended). @default process.env.RUNRA_BASE_URL, else 'https://api.box.runra.dev' */
  baseURL?: string | undefined;
  /** Time allowed for one attempt, in milliseconds. @default 60000 */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt; `0` disables them. @default 2 */
  maxRetries?: number | undefined;
  /** The fetch to send requests with. @default globalThis.fetch */
  fetch?: FetchLike | undefined;
  /** Extra headers on every request. */
  defaultHeaders?: HeadersRecord | undefined;
  /** Check create params against the contract's schemas before sending. @default true */
  validateParams?: boolean | undefined;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const REDACTED = '[redacted]';

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

  /**
   * @throws {RunraError} code `MISSING_API_KEY` when there is no API key (no request is sent)
   * @throws {RunraError} code `INVALID_BASE_URL` when `baseURL` is not an absolute URL
   */
  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('RUNRA_API_KEY');
    if (!apiKey) {
      throw new RunraError(
        'MISSING_API_KEY',
        'No API key: set the RUNRA_API_KEY environment variable or pass `new Runra({ apiKey })`.',
      );
    }
    const baseURL = (options.baseURL ?? readEnv('RUNRA_BASE_URL') ?? API_BASE_URL).replace(/\/+$/, '');
    try {
      new URL(baseURL);
    } catch {
      throw new RunraError('INVALID_BASE_URL', `baseURL is not an absolute URL: ${JSON.stringify(baseURL)}`);
    }
    this.#options = { ...options, apiKey };
    this.baseURL = baseURL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const transport: Transport = {
      // Everything constant lives on the instance, so each call merges as little as possible.
      http: ky.create({
        fetch: attemptFetch(options.fetch),
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        headers: { Accept: 'application/json', Authorization: `Bearer ${apiKey}`, ...options.defaultHeaders },
      }),
      prefix: `${baseURL}/v1/`,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      validateParams: options.validateParams ?? true,
    };
    this.sandboxes = new Sandboxes(transport);
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
