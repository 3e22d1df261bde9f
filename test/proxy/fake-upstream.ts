import { createServer, type Server } from 'node:http';
import { createMockApi, type MockApi, type MockApiOptions } from '../../mock-server/index.js';
import { toWebRequest } from '../../mock-server/node/convert.js';

/** An answer on the wire, as a divergence may rewrite it. */
export interface Wire {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** Send `body` as this text instead of its JSON. */
  raw?: string;
}

/** The request a divergence looks at: method, path and query, and which of its kind it is. */
export interface Seen {
  method: string;
  path: string;
  /** 1 for the first request with this method and path (query aside), 2 for the second… */
  nth: number;
  headers: Headers;
}

/** A deliberate divergence from the contract, served by {@link startFakeUpstream}. */
export interface Alteration {
  /** Replaces the request the mock sees (e.g. drops a header); `undefined`: as sent. */
  request?(seen: Seen, request: Request): Request | undefined;
  /** Rewrites the mock's answer; `undefined`: sent as the mock gave it. */
  response(seen: Seen, wire: Wire, api: MockApi): Wire | undefined;
}

/** A request whose answer was rewritten (where the finding must be). */
export interface Altered {
  method: string;
  path: string;
  /** The `X-Request-Id` of the rewritten answer, when it has a valid one. */
  requestId: string | undefined;
}

export interface FakeUpstream {
  url: string;
  api: MockApi;
  altered: Altered[];
  close(): Promise<void>;
}

/**
 * A small upstream for the catalogue: the runra mock behind `node:http`, with one
 * alteration applied to its answers, recording which answers it rewrote.
 */
export async function startFakeUpstream(
  alteration: Alteration,
  options: MockApiOptions = {},
): Promise<FakeUpstream> {
  const api = createMockApi({ clock: 'manual', seed: 9, ...options });
  const counts = new Map<string, number>();
  const altered: Altered[] = [];
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    const { request: original, discardBody } = toWebRequest(req, origin);
    if (discardBody) res.once('finish', discardBody);
    const url = new URL(original.url);
    const route = `${original.method} ${url.pathname}`;
    const nth = (counts.get(route) ?? 0) + 1;
    counts.set(route, nth);
    const seen: Seen = {
      method: original.method,
      path: url.pathname + url.search,
      nth,
      headers: original.headers,
    };
    const request = alteration.request?.(seen, original) ?? original;
    const response = await api.fetch(request);
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    const wire: Wire = { status: response.status, headers, body };
    const changed = alteration.response(seen, wire, api);
    const out = changed ?? wire;
    if (changed !== undefined || request !== original) {
      const id = out.headers['x-request-id'];
      altered.push({ method: seen.method, path: seen.path, requestId: id });
    }
    const payload = out.raw ?? (out.body === undefined ? '' : JSON.stringify(out.body));
    res.writeHead(out.status, out.headers);
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url: origin,
    api,
    altered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
