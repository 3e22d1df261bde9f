import { APIPromise, type WithResponse } from '../core/api-promise.js';
import { userAbortError } from '../core/attempt.js';
import {
  APIError,
  APIUserAbortError,
  InvalidConfigError,
  InvalidRequestError,
  UnreachableStateError,
  WaitTimeoutError,
} from '../core/errors.js';
import { Page, PagePromise } from '../core/pagination.js';
import {
  type ApiCall,
  cutByDeadline,
  issueList,
  type RequestOptions,
  requestParsed,
  type Transport,
} from '../core/request.js';
import { sleep } from '../core/sleep.js';
import type { Node } from '../internal/descriptor.js';
import {
  createParamsDetails,
  LENIENT_PAGE,
  LENIENT_RESULT,
  LENIENT_SANDBOX,
  PAUSE_RESULT,
  RESUME_RESULT,
  SANDBOX,
  SANDBOX_PAGE,
  TERMINATE_RESULT,
} from '../internal/validators.js';
import type { CreateSandboxParams } from '../schemas/create.js';
import type { PauseResult, ResumeResult, TerminateResult } from '../schemas/lifecycle.js';
import type { ListSandboxesParams, SandboxPage } from '../schemas/list.js';
import type { Sandbox, SandboxState, SandboxSummary } from '../schemas/sandbox.js';

/**
 * Options of {@link Sandboxes.waitUntil}.
 *
 * @example
 * ```ts
 * const options: WaitUntilOptions = { timeoutMs: 30_000, intervalMs: 500 };
 * ```
 */
export interface WaitUntilOptions {
  /** How long to keep polling, in milliseconds. @default 300000 */
  timeoutMs?: number | undefined;
  /** The pause between two polls, in milliseconds. @default 1000 */
  intervalMs?: number | undefined;
  /** Cancels the wait (and the poll in flight) at once. */
  signal?: AbortSignal | undefined;
}

const WAIT_TIMEOUT_MS = 300_000;
const WAIT_INTERVAL_MS = 1000;

/**
 * The path segment of a sandbox id. Every reserved character is percent-encoded, and the
 * dot segments (which URL parsers resolve even when encoded) are refused before sending.
 */
function sandboxPath(id: string, action = ''): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
    throw new InvalidRequestError({
      code: 'INVALID_REQUEST',
      message: `not a sandbox id: ${JSON.stringify(id)}`,
      details: { field: 'id', reason: 'must be a non-empty string other than "." and ".."' },
    });
  }
  return `sandboxes/${encodeURIComponent(id)}${action}`;
}

/** The query of a list: fixed filters, then one `metadata.KEY` per metadata entry. */
function listQuery(params: ListSandboxesParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['state', 'image', 'limit', 'offset'] as const) {
    const value = params[name];
    if (value !== undefined) query.set(name, String(value));
  }
  for (const [key, value] of Object.entries(params.metadata ?? {})) query.append(`metadata.${key}`, value);
  return query;
}

/** Whether `target` can still be reached from `state`: never after `terminated`, nor `creating` again. */
function isReachable(state: SandboxState, target: SandboxState): boolean {
  if (state === 'terminated') return false;
  return target !== 'creating' || state === 'creating';
}

/**
 * The sandboxes of the Runra API: create, list, get, pause, resume, terminate, and
 * `waitUntil` a state. Reached as `runra.sandboxes`.
 *
 * @example
 * ```ts
 * const sandbox = await runra.sandboxes.create({ image: 'node:22' });
 * await runra.sandboxes.terminate(sandbox.id);
 * ```
 */
export class Sandboxes {
  readonly #transport: Transport;

  /** @internal Built by the client; reach it as `runra.sandboxes`. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates a sandbox. Params are checked against the contract first (unless the client's
   * `validateParams` is off) and sent as given: the server applies the defaults.
   *
   * @example
   * ```ts
   * const sandbox = await runra.sandboxes.create({ image: 'python:3.12', resources: { cpu: 4 } });
   * ```
   * @throws {InvalidConfigError} params break a rule (client-side, before any request, or by the server)
   * @throws {RateLimitedError} the creation rate limit is exceeded (after retries)
   * @throws {ResourceExhaustedError} no compute capacity (after retries)
   * @throws {APIError} any other API or connection error
   */
  create(params: CreateSandboxParams, options?: RequestOptions): APIPromise<Sandbox> {
    const details = this.#transport.validateParams ? createParamsDetails(params) : undefined;
    if (details) {
      const error = new InvalidConfigError({
        code: 'INVALID_CONFIG',
        message: `invalid create params: ${issueList(details.issues)}`,
        details,
      });
      return new APIPromise(Promise.reject(error));
    }
    const call: ApiCall = { method: 'POST', path: 'sandboxes', body: params };
    return new APIPromise(requestParsed<Sandbox>(this.#transport, call, options, LENIENT_SANDBOX, SANDBOX));
  }

  /**
   * Lists sandboxes, newest first. `await` it for one page, or `for await` over it for
   * every item of every page with the same filters.
   *
   * @example
   * ```ts
   * const page = await runra.sandboxes.list({ state: 'running', metadata: { userId: 'u1' } });
   * for await (const sandbox of runra.sandboxes.list({ image: 'node:22' })) console.log(sandbox.id);
   * ```
   * @throws {InvalidRequestError} a filter breaks a rule
   * @throws {APIError} any other API or connection error
   */
  list(params: ListSandboxesParams = {}, options?: RequestOptions): PagePromise<SandboxSummary> {
    const call: ApiCall = { method: 'GET', path: 'sandboxes', query: listQuery(params) };
    const fetchPage = (offset: number) => this.list({ ...params, offset }, options);
    return new PagePromise(
      requestParsed<SandboxPage>(this.#transport, call, options, LENIENT_PAGE, SANDBOX_PAGE).then(
        (result) => ({
          ...result,
          data: new Page(result.data, fetchPage),
        }),
      ),
    );
  }

  /**
   * Gets one sandbox.
   *
   * @example
   * ```ts
   * const { state } = await runra.sandboxes.get('sb_x7k2m9p4q1w3v5b8n');
   * ```
   * @throws {SandboxNotFoundError} no such sandbox for this API key
   * @throws {InvalidRequestError} `id` is empty, `.` or `..` (before any request)
   * @throws {APIError} any other API or connection error
   */
  get(id: string, options?: RequestOptions): APIPromise<Sandbox> {
    return this.#byId<Sandbox>('GET', id, '', options, LENIENT_SANDBOX, SANDBOX);
  }

  /**
   * Pauses a running sandbox.
   *
   * @example
   * ```ts
   * const { runtimeDurationMs } = await runra.sandboxes.pause(id);
   * ```
   * @throws {InvalidStateError} the sandbox is not running
   * @throws {SandboxNotFoundError} no such sandbox for this API key
   * @throws {APIError} any other API or connection error
   */
  pause(id: string, options?: RequestOptions): APIPromise<PauseResult> {
    return this.#byId<PauseResult>('POST', id, '/pause', options, LENIENT_RESULT, PAUSE_RESULT);
  }

  /**
   * Resumes a paused sandbox.
   *
   * @example
   * ```ts
   * const { pausedDurationMs } = await runra.sandboxes.resume(id);
   * ```
   * @throws {InvalidStateError} the sandbox is not paused
   * @throws {ResourceExhaustedError} no compute capacity (after retries)
   * @throws {SandboxNotFoundError} no such sandbox for this API key
   * @throws {APIError} any other API or connection error
   */
  resume(id: string, options?: RequestOptions): APIPromise<ResumeResult> {
    return this.#byId<ResumeResult>('POST', id, '/resume', options, LENIENT_RESULT, RESUME_RESULT);
  }

  /**
   * Terminates a sandbox; terminating a terminated one answers the original figures.
   *
   * @example
   * ```ts
   * const { totalRuntimeMs } = await runra.sandboxes.terminate(id);
   * ```
   * @throws {SandboxNotFoundError} no such sandbox for this API key
   * @throws {APIError} any other API or connection error
   */
  terminate(id: string, options?: RequestOptions): APIPromise<TerminateResult> {
    return this.#byId<TerminateResult>('DELETE', id, '', options, LENIENT_RESULT, TERMINATE_RESULT);
  }

  /**
   * Polls `get` until the sandbox is in `state`. The wait ends by `timeoutMs`: each poll,
   * its retries included, is bounded by the time left.
   *
   * @example
   * ```ts
   * const sandbox = await runra.sandboxes.waitUntil(id, 'running', { timeoutMs: 30_000, intervalMs: 500 });
   * ```
   * @throws {WaitTimeoutError} `timeoutMs` passed first (`lastState` is the state last seen; a poll cut short is its `cause`)
   * @throws {UnreachableStateError} the sandbox reached a state the target cannot follow (`terminated`)
   * @throws {APIUserAbortError} `signal` aborted
   * @throws {APIError} a poll failed with a final answer (e.g. `SandboxNotFoundError`), or after its retries
   */
  async waitUntil(id: string, state: SandboxState, options: WaitUntilOptions = {}): Promise<Sandbox> {
    const { signal } = options;
    const intervalMs = options.intervalMs ?? WAIT_INTERVAL_MS;
    const deadline = Date.now() + (options.timeoutMs ?? WAIT_TIMEOUT_MS);
    const call: ApiCall = { method: 'GET', path: sandboxPath(id), deadline };
    let last: SandboxState | undefined;
    for (;;) {
      let sandbox: Sandbox;
      try {
        sandbox = (await requestParsed<Sandbox>(this.#transport, call, { signal }, LENIENT_SANDBOX, SANDBOX))
          .data;
      } catch (error) {
        // A poll cut short by the deadline (its timeout, or a retry it left no time for) ends the wait.
        const cut = error instanceof APIError && (cutByDeadline.has(error) || Date.now() >= deadline);
        if (cut && !(error instanceof APIUserAbortError)) throw new WaitTimeoutError(id, state, last, error);
        throw error;
      }
      last = sandbox.state;
      if (sandbox.state === state) return sandbox;
      if (!isReachable(sandbox.state, state)) throw new UnreachableStateError(id, state, sandbox.state);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new WaitTimeoutError(id, state, sandbox.state);
      try {
        await sleep(Math.min(intervalMs, remaining), signal);
      } catch {
        throw userAbortError(signal as AbortSignal);
      }
    }
  }

  #byId<T>(
    method: ApiCall['method'],
    id: string,
    action: string,
    options: RequestOptions | undefined,
    lenient: Node,
    strict: Node,
  ): APIPromise<T> {
    let result: Promise<WithResponse<T>>;
    try {
      const call = { method, path: sandboxPath(id, action) };
      result = requestParsed<T>(this.#transport, call, options, lenient, strict);
    } catch (error) {
      result = Promise.reject(error);
    }
    return new APIPromise(result);
  }
}
