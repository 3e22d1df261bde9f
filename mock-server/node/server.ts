import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createMockApi, type MockApi, type MockApiOptions } from '../api.js';
import { toWebRequest, writeWebResponse } from './convert.js';
import { internalErrorResponse, isConnectionDropped, unrepresentableRequestResponse } from './failures.js';

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
   * Interface to bind.
   * @default '127.0.0.1'
   */
  host?: string | undefined;
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
  const { api: given, port = 0, host = '127.0.0.1', onRequest, ...apiOptions } = options;
  const api = given ?? createMockApi(apiOptions);
  const { createServer } = await import('node:http');
  let origin = '';
  let closing = false;

  /** The mock's answer, or `undefined` when a fault drops the connection. */
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<Response | undefined> => {
    let converted: ReturnType<typeof toWebRequest>;
    try {
      converted = toWebRequest(req, origin);
    } catch (error) {
      return unrepresentableRequestResponse(error instanceof Error ? error.message : String(error));
    }
    if (converted.discardBody) res.once('finish', converted.discardBody);
    return api.fetch(converted.request).catch((error: unknown) => {
      if (isConnectionDropped(error)) return undefined;
      return internalErrorResponse();
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    let status: number | null = null;
    try {
      const response = await answer(req, res);
      if (!response) {
        req.socket.destroy();
      } else {
        status = response.status;
        if (closing) res.setHeader('connection', 'close');
        await writeWebResponse(res, response);
      }
    } catch (error) {
      // The client went away or the body stream failed mid-way: nothing more can be sent.
      status = null;
      res.destroy(error instanceof Error ? error : undefined);
    }
    onRequest?.({ method, path, status, ms: performance.now() - started });
  };

  const server = createServer((req, res) => void handle(req, res));
  const boundPort = await listen(server, port, host);
  origin = `http://${urlHost(host)}:${boundPort}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      closing = true;
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
    return closed;
  };

  return { url: origin, port: boundPort, api, close };
}
