import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { isControlPath } from '../../http/control-guard.js';
import { toWebRequest, writeWebResponse } from '../../node/convert.js';
import { forbiddenHostResponse } from '../../node/failures.js';
import { hostCheck } from '../../node/host-check.js';
import { createProxyControl } from '../control.js';
import type { ProxyReport } from '../report.js';
import { parseUpstream, upstreamLabel } from '../upstream.js';
import { type VerifiedExchange, Verifier } from '../verifier.js';
import { forward } from './forward.js';

/** The path of a request target (`/a/b?q` → `/a/b`). */
const pathOfTarget = (target = '/'): string => {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
};

/**
 * Options of {@link startVerifyingProxy}.
 *
 * @example
 * ```ts
 * const options: VerifyingProxyOptions = { upstream: 'https://staging.example.com', port: 4010 };
 * ```
 */
export interface VerifyingProxyOptions {
  /** The upstream base URL: `http(s)://host[:port][/prefix]`, no credentials. */
  upstream: string;
  /**
   * TCP port; `0` picks a free one.
   * @default 0
   */
  port?: number | undefined;
  /**
   * Interface to bind.
   * @default '127.0.0.1'
   */
  host?: string | undefined;
  /**
   * How long the upstream may stay silent before the caller gets a 502, in milliseconds.
   * @default 30000
   */
  upstreamTimeoutMs?: number | undefined;
  /**
   * Host names requests may be addressed to besides IP addresses and `localhost` (the DNS
   * rebinding guard, as `startMockServer`'s); `['*']`: any.
   * @default []
   */
  allowedHosts?: readonly string[] | undefined;
  /** Called once per exchange, once it is checked (findings included). */
  onExchange?: ((verified: VerifiedExchange) => void) | undefined;
  /** Called when a check fails inside the proxy itself. */
  onCheckerError?: ((error: unknown) => void) | undefined;
}

/**
 * A running verifying proxy.
 *
 * @example
 * ```ts
 * const proxy = await startVerifyingProxy({ upstream: mock.url });
 * // … traffic …
 * await proxy.close();
 * proxy.report().findings.total; // 0
 * ```
 */
export interface VerifyingProxy {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  port: number;
  /** The upstream as the report names it. */
  upstream: string;
  /** The checking half: mirror, journal, report. */
  verifier: Verifier;
  /** The report so far (exchanges still being checked are not in it: await `settled()`). */
  report(): ProxyReport;
  /** Resolves once every exchange forwarded so far is checked. */
  settled(): Promise<void>;
  /** Stops listening, lets exchanges in flight end, and resolves once they are all checked. */
  close(): Promise<void>;
}

/** Default of `upstreamTimeoutMs`. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the verifying proxy (Node only): every request but `/_mock/*` is forwarded to the
 * upstream as it came and its answer returned as it went, then checked — shapes against the
 * contract's schemas, behaviour against the reference machine in the state mirrored from
 * earlier answers. Findings land in the journal (`GET /_mock/requests`), in `onExchange`
 * and in the report.
 *
 * @throws {InvalidUpstreamError} for an upstream URL it cannot use.
 * @throws {Error} when the port cannot be bound.
 * @example
 * ```ts
 * const proxy = await startVerifyingProxy({ upstream: 'http://127.0.0.1:4010', port: 4011 });
 * ```
 */
export async function startVerifyingProxy(options: VerifyingProxyOptions): Promise<VerifyingProxy> {
  const url = parseUpstream(options.upstream);
  const upstream = upstreamLabel(url);
  const http = await import('node:http');
  const client = url.protocol === 'https:' ? await import('node:https') : http;
  const agent: Agent = new client.Agent({ keepAlive: true });
  const { createHmac, randomBytes } = await import('node:crypto');
  const secret = randomBytes(32);
  const verifier = new Verifier({
    upstream,
    onVerified: options.onExchange,
    onCheckerError: options.onCheckerError,
    // Node's HMAC is synchronous: no thread-pool hop per request.
    hmac: (message) => createHmac('sha256', secret).update(message).digest(),
  });
  const control = createProxyControl(verifier);
  const target = {
    url,
    request: client.request as typeof http.request,
    agent,
    timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  };
  let origin = '';

  const serveControl = (req: IncomingMessage, res: ServerResponse) => {
    const { request, discardBody } = toWebRequest(req, origin);
    if (discardBody) res.once('finish', discardBody);
    control(request)
      .then((response) => writeWebResponse(res, response))
      .catch(() => res.destroy());
  };
  const host = options.host ?? '127.0.0.1';
  const hostAllowed = hostCheck(host, options.allowedHosts ?? []);
  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      req.resume();
      writeWebResponse(res, forbiddenHostResponse(req.headers.host ?? ''));
    } else if (isControlPath(pathOfTarget(req.url))) serveControl(req, res);
    else forward(req, res, target, verifier);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  origin = `http://${urlHost(host)}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    }).then(async () => {
      agent.destroy();
      await verifier.settled();
    });
    return closed;
  };
  return {
    url: origin,
    port,
    upstream,
    verifier,
    report: () => verifier.report(),
    settled: () => verifier.settled(),
    close,
  };
}
