import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createMockApi, type MockApi, type MockApiOptions } from '../api.js';
import { textBodyHandlerOf } from '../http/handler.js';
import { INSPECTOR_PATH, inspect } from '../inspector/index.js';
import { headersOf, toWebRequest, writeAsideResponse, writeWebResponse } from './convert.js';
import {
  forbiddenHostResponse,
  internalErrorResponse,
  isConnectionDropped,
  unrepresentableRequestResponse,
} from './failures.js';
import { hostCheck } from './host-check.js';
import { forbiddenMethodRequest, isCanonicalOrigin } from './light-request.js';

/**
 * One answered request, as `onRequest` receives it.
 *
 * @example
 * ```ts
 * const log = (e: MockServerRequestLog) => console.log(e.method, e.path, e.status, `${e.ms}ms`);
 * ```
 */
export interface MockServerRequestLog {
  method: string;
  /** The request target: path and query string. */
  path: string;
  /** The status sent, or `null` when the connection was dropped (as in the mock's journal). */
  status: number | null;
  /** Milliseconds from the request's arrival to the end of the response. */
  ms: number;
}

/**
 * Options of {@link startMockServer}: those of `createMockApi`, plus where to listen.
 *
 * @example
 * ```ts
 * const options: MockServerOptions = { port: 0, clock: 'manual', onRequest: console.log };
 * ```
 */
export type MockServerOptions = MockApiOptions & {
  /** Serve this mock instead of creating one (the `createMockApi` options are then ignored). */
  api?: MockApi | undefined;
  /**
   * TCP port; `0` picks a free one (read it from `url` or `port`).
   * @default 0
   */
  port?: number | undefined;
  /**
   * Interface to bind. Any address but loopback opens the mock, its control plane
   * included, to that network (docs/security.md).
   * @default '127.0.0.1'
   */
  host?: string | undefined;
  /**
   * Host names requests may be addressed to, besides IP addresses, `localhost` (and
   * `*.localhost`) and `host`: e.g. a docker-compose service name. Any other `Host` header is
   * answered 403 `FORBIDDEN`, so a web page cannot reach the mock through DNS rebinding.
   * `['*']` turns the check off.
   * @default []
   */
  allowedHosts?: readonly string[] | undefined;
  /** Called once per request, after its response has been sent (or its connection dropped). */
  onRequest?: ((entry: MockServerRequestLog) => void) | undefined;
};

/**
 * A running mock server.
 *
 * @example
 * ```ts
 * const server: MockServer = await startMockServer();
 * await server.close();
 * ```
 */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  port: number;
  /**
   * The inspector's page (`url` + `/_mock/ui`): a live view of the mock's sandboxes, clock,
   * requests and faults. `undefined` when `api` is not a mock made by `createMockApi`.
   */
  inspectorUrl: string | undefined;
  /** The mock it serves: its clock, faults, journal and state. */
  api: MockApi;
  /** Stops listening, closes idle keep-alive connections and resolves once every connection is closed. */
  close(): Promise<void>;
}

/** The host part of a URL for a bound address (wildcards are reached through loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Serves a mock over HTTP/1.1 with Node's `node:http`, which is loaded only when this is
 * called (so `runra/mock` imports cleanly in browsers and workerd). Loopback and a free port
 * by default. A "drop the connection" fault destroys the socket, so clients see a network error.
 *
 * @throws {Error} when the port cannot be bound (e.g. `EADDRINUSE`).
 * @example
 * ```ts
 * import { Runra } from 'runra';
 * import { startMockServer } from 'runra/mock';
 *
 * const server = await startMockServer({ clock: 'manual' });
 * const runra = new Runra({ apiKey: 'sk_test', baseURL: server.url });
 * await runra.sandboxes.create({ image: 'node:22' });
 * server.api.clock.advance(60_000);
 * await server.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { api: given, port = 0, host = '127.0.0.1', allowedHosts = [], onRequest, ...apiOptions } = options;
  const hostAllowed = hostCheck(host, allowedHosts);
  const api = given ?? createMockApi(apiOptions);
  const { createServer } = await import('node:http');
  // The mock's own handler is called through its twin (JSON bodies kept as text, light
  // requests); anything else given as `api.fetch` (a wrapper, a double) gets real ones.
  const own = textBodyHandlerOf(api.fetch);
  const handler = own ?? api.fetch;
  let origin = '';
  let light = false;
  let closing = false;

  /** Reports one request to `onRequest` (status `null`: nothing, or not all, was sent). */
  const log = (req: IncomingMessage, started: number, status: number | null) =>
    onRequest?.({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status,
      ms: performance.now() - started,
    });

  /** Gives up on a response: the client went away, or the answer failed mid-way. */
  const abandon = (req: IncomingMessage, res: ServerResponse, started: number, error: unknown) => {
    res.destroy(error instanceof Error ? error : undefined);
    log(req, started, null);
  };

  /**
   * Writes the mock's answer (none: a fault dropped the connection) and logs it. Plain
   * callbacks rather than `async` functions: no promise hop beyond what the mock needs.
   */
  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    response: Response | undefined,
  ) => {
    if (!response) {
      req.socket.destroy();
      log(req, started, null);
      return;
    }
    try {
      if (closing) res.setHeader('connection', 'close');
      if (!writeAsideResponse(res, response)) {
        writeWebResponse(res, response).then(
          () => log(req, started, response.status),
          (error: unknown) => abandon(req, res, started, error),
        );
        return;
      }
    } catch (error) {
      abandon(req, res, started, error);
      return;
    }
    log(req, started, response.status);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const hostHeader = req.headers.host;
    if (!hostAllowed(hostHeader)) {
      send(req, res, started, forbiddenHostResponse(hostHeader ?? ''));
      return;
    }
    let converted: ReturnType<typeof toWebRequest>;
    try {
      converted = toWebRequest(req, origin, light);
    } catch (error) {
      // A method fetch forbids (TRACE): the mock's own handler answers it through a stand-in.
      const standIn = own && forbiddenMethodRequest(req.method ?? '', origin, req.url ?? '/', headersOf(req));
      if (!standIn) {
        const reason = error instanceof Error ? error.message : String(error);
        send(req, res, started, unrepresentableRequestResponse(reason));
        return;
      }
      req.resume();
      converted = { request: standIn };
    }
    if (converted.discardBody) res.once('finish', converted.discardBody);
    let answered: Promise<Response>;
    try {
      answered = handler(converted.request);
    } catch (error) {
      // Not the mock's way to fail (it rejects), but a given `api.fetch` may throw.
      abandon(req, res, started, error);
      return;
    }
    // `resolve` hands a native promise back as is: no extra hop.
    Promise.resolve(answered).then(
      (response) => send(req, res, started, response),
      (error: unknown) =>
        send(req, res, started, isConnectionDropped(error) ? undefined : internalErrorResponse()),
    );
  };

  const server = createServer(handle);
  const boundPort = await listen(server, port, host);
  origin = `http://${urlHost(host)}:${boundPort}`;
  light = own !== undefined && isCanonicalOrigin(origin);
  const inspection = inspect(api);

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      closing = true;
      inspection?.close(); // ends the inspector's live feeds, which never end by themselves
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
    return closed;
  };

  const inspectorUrl = inspection === undefined ? undefined : origin + INSPECTOR_PATH;
  return { url: origin, port: boundPort, inspectorUrl, api, close };
}
