/**
 * `runra/msw`: the mock as [msw](https://mswjs.io) request handlers, for `setupServer`
 * (Node, vitest, jest) and `setupWorker` (browsers). `msw` (>= 2) is an optional peer
 * dependency: install it yourself. Nothing here loads a `node:*` module.
 *
 * @module runra/msw
 */
import { type HttpHandler, HttpResponse, http } from 'msw';
import { API_BASE_URL } from '../src/schemas/limits.js';
import { createMockApi, type MockApi } from './api.js';
import { isConnectionDropped } from './node/failures.js';

/** The real API's base URL, which the handlers intercept unless told otherwise. */

/**
 * Options of {@link createHandlers}.
 *
 * @example
 * ```ts
 * const options: CreateHandlersOptions = { baseURL: 'https://proxy.example.com/runra' };
 * ```
 */
export interface CreateHandlersOptions {
  /**
   * The mock to answer with; one is created (system clock) when omitted. Pass your own to
   * choose its options, e.g. `createMockApi({ clock: 'manual' })`.
   */
  api?: MockApi | undefined;
  /**
   * Requests under this URL are answered. A path prefix (`https://host/prefix`) is removed
   * before the mock routes the request.
   * @default 'https://api.box.runra.dev'
   */
  baseURL?: string | undefined;
}

/**
 * The handlers `createHandlers` returns: spread them into `setupServer`/`setupWorker`, and
 * drive the mock behind them through `api` (clock, faults, journal, state).
 *
 * @example
 * ```ts
 * const handlers: MockHandlers = createHandlers();
 * handlers.api.reset();
 * ```
 */
export type MockHandlers = HttpHandler[] & { readonly api: MockApi };

/** Removes a trailing slash, and the path prefix of `baseURL` from `request`'s URL. */
function prefixStripper(baseURL: string): (request: Request) => Promise<Request> {
  const prefix = new URL(baseURL).pathname.replace(/\/+$/, '');
  if (prefix === '') return async (request) => request;
  return async (request) => {
    const url = new URL(request.url);
    url.pathname = url.pathname.slice(prefix.length) || '/';
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    // Buffered rather than streamed: browsers' Request constructors do not all take a stream.
    return new Request(url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.arrayBuffer() : null,
      signal: request.signal,
    });
  };
}

/**
 * Creates msw handlers that answer every request under `baseURL` (the API, `/_mock/...`
 * control routes and `/openapi.json`) from one in-process mock. A "drop the connection"
 * fault answers `HttpResponse.error()`, so `fetch` rejects as on a network failure.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createHandlers } from 'runra/msw';
 * import { Runra } from 'runra';
 *
 * const handlers = createHandlers();
 * const server = setupServer(...handlers);
 * server.listen();
 *
 * const runra = new Runra({ apiKey: 'sk_test' });
 * await runra.sandboxes.create({ image: 'node:22' }); // answered by the mock
 * handlers.api.reset(); // e.g. in afterEach
 * ```
 */
export function createHandlers(options: CreateHandlersOptions = {}): MockHandlers {
  const api = options.api ?? createMockApi();
  const baseURL = (options.baseURL ?? API_BASE_URL).replace(/\/+$/, '');
  const strip = prefixStripper(baseURL);
  const handler = http.all(`${baseURL}/*`, async ({ request }) => {
    try {
      return await api.fetch(await strip(request));
    } catch (error) {
      if (isConnectionDropped(error)) return HttpResponse.error();
      throw error;
    }
  });
  return Object.assign([handler], { api });
}
