import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mock-server/index.js';
import { CHECKED_RESPONSE_BYTES } from '../../mock-server/proxy/node/forward.js';
import { startVerifyingProxy, type VerifyingProxy } from '../../mock-server/proxy/node/server.js';
import { LIMITS } from '../../src/schemas/index.js';
import { KEY_A } from './caller.js';
import { closedPort } from './net.js';

/** What an echo upstream saw of a request. */
interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The status of a GET sent with this `Host` header (fetch cannot set one). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function proxyTo(
  upstream: string,
  options: { upstreamTimeoutMs?: number } = {},
): Promise<VerifyingProxy> {
  const proxy = await startVerifyingProxy({ upstream, ...options });
  closers.push(() => proxy.close());
  return proxy;
}

/** A raw request (node:http, so every header is sent exactly as written), its answer kept raw. */
function raw(
  url: string,
  options: { method: string; path: string; headers: string[]; body?: Buffer },
): Promise<{ status: number; statusMessage: string; rawHeaders: string[]; body: Buffer }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: options.method,
        path: options.path,
        // Given as a list, headers are sent as they are: Host too must be written out.
        headers: ['Host', target.host, ...options.headers],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const pairs = (rawHeaders: string[]) => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    out.push([rawHeaders[i]!.toLowerCase(), rawHeaders[i + 1]!]);
  return out;
};

describe('forwarding: the upstream sees the request, and the caller the answer, unchanged', () => {
  it('method, path and query (behind the upstream prefix), headers in order with repeats, body bytes; hop-by-hop ones dropped', async () => {
    let received: Received | undefined;
    const upstream = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received = {
          method: req.method ?? '',
          url: req.url ?? '',
          rawHeaders: req.rawHeaders,
          body: Buffer.concat(chunks),
        };
        res.writeHead(299, 'Custom Reason', [
          'Set-Cookie',
          'a=1',
          'Set-Cookie',
          'b=2',
          'X-Upstream',
          'yes',
          'Connection',
          'x-upstream-hop',
          'X-Upstream-Hop',
          'drop me',
          'Content-Type',
          'application/octet-stream',
        ]);
        res.end(Buffer.from([0, 255, 1, 254, 10]));
      });
    });
    const proxy = await proxyTo(`${upstream}/api/`);
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]); // not UTF-8: bytes, not text
    const answer = await raw(proxy.url, {
      method: 'PATCH',
      path: '/v1/anything/%7Bx%7D?b=2&a=1&a=0',
      headers: [
        'Authorization',
        `Bearer ${KEY_A}`,
        'X-Dup',
        'one',
        'X-Dup',
        'two',
        'Connection',
        'keep-alive, x-hop',
        'X-Hop',
        'drop me',
        'Keep-Alive',
        'timeout=5',
        'Proxy-Authorization',
        'Basic c2VjcmV0',
        'Content-Length',
        String(body.length),
      ],
      body,
    });
    expect(received).toBeDefined();
    const seen = received!;
    expect(seen.method).toBe('PATCH');
    expect(seen.url).toBe('/api/v1/anything/%7Bx%7D?b=2&a=1&a=0');
    expect(seen.body.equals(body)).toBe(true);
    const sent = pairs(seen.rawHeaders);
    expect(sent.filter(([name]) => name === 'x-dup').map(([, value]) => value)).toEqual(['one', 'two']);
    expect(sent).toContainEqual(['authorization', `Bearer ${KEY_A}`]);
    expect(sent).toContainEqual(['host', new URL(upstream).host]);
    expect(sent).toContainEqual(['content-length', String(body.length)]);
    const names = sent.map(([name]) => name);
    for (const dropped of ['x-hop', 'keep-alive', 'proxy-authorization'])
      expect(names).not.toContain(dropped);

    expect(answer.status).toBe(299);
    expect(answer.statusMessage).toBe('Custom Reason');
    expect(answer.body.equals(Buffer.from([0, 255, 1, 254, 10]))).toBe(true);
    const got = pairs(answer.rawHeaders);
    expect(got.filter(([name]) => name === 'set-cookie').map(([, value]) => value)).toEqual(['a=1', 'b=2']);
    expect(got).toContainEqual(['x-upstream', 'yes']);
    expect(got.map(([name]) => name)).not.toContain('x-upstream-hop');
  });

  it('a redirect is passed back, never followed', async () => {
    let hits = 0;
    const upstream = await listen((_req, res) => {
      hits++;
      res.writeHead(302, { location: '/v1/elsewhere', 'x-request-id': 'req_aaaaaaaa' }).end();
    });
    const proxy = await proxyTo(upstream);
    const response = await fetch(`${proxy.url}/v1/sandboxes`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/v1/elsewhere');
    expect(hits).toBe(1);
    await proxy.settled();
    // The contract never redirects: the answer is forwarded, and reported.
    expect(proxy.verifier.journal.entries()[0]?.findings).toContainEqual(
      expect.objectContaining({ kind: 'shape', path: 'status' }),
    );
  });

  it('a request body over 1 MiB is streamed to the upstream whole; the proxy keeps only its first 1 MiB + 1 byte', async () => {
    const mock = await startMockServer({ port: 0, clock: 'manual' });
    closers.push(() => mock.close());
    let upstreamBytes = 0;
    let upstreamHash = '';
    const counting = await listen((req, res) => {
      const hash = createHash('sha256');
      req.on('data', (chunk: Buffer) => {
        upstreamBytes += chunk.length;
        hash.update(chunk);
      });
      req.on('end', () => {
        upstreamHash = hash.digest('hex');
        res.writeHead(413, { 'content-type': 'application/json', 'x-request-id': 'req_bbbbbbbb' });
        res.end(
          JSON.stringify({
            error: {
              code: 'PAYLOAD_TOO_LARGE',
              message: 'too large',
              details: {},
              requestId: 'req_bbbbbbbb',
            },
          }),
        );
      });
    });
    const proxy = await proxyTo(counting);
    const finish = vi.spyOn(proxy.verifier, 'finish');
    const huge = Buffer.alloc(3 * LIMITS.maxBodyBytes, 'x');
    const response = await fetch(`${proxy.url}/v1/sandboxes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    await proxy.settled();
    expect(upstreamBytes).toBe(huge.length);
    expect(upstreamHash).toBe(createHash('sha256').update(huge).digest('hex'));
    const exchange = finish.mock.calls[0]?.[1];
    expect(exchange?.requestBytes).toBe(huge.length);
    expect(exchange?.requestBody.byteLength).toBe(LIMITS.maxBodyBytes + 1);
    // 413 is what the reference answers too: nothing to report.
    expect(proxy.report().findings.total).toBe(0);
  });

  it('an answer larger than the checked limit is forwarded whole and counted as not checked', async () => {
    const big = Buffer.alloc(CHECKED_RESPONSE_BYTES + 1024, 'y');
    const upstream = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_cccccccc' });
      res.end(big);
    });
    const proxy = await proxyTo(upstream);
    const response = await fetch(`${proxy.url}/v1/sandboxes`, {
      headers: { authorization: `Bearer ${KEY_A}` },
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(big)).toBe(true);
    await proxy.settled();
    expect(proxy.report().behaviour.notPredicted).toEqual({ 'body-too-large': 1 });
  });

  it('a compressed answer is forwarded compressed and checked decompressed', async () => {
    const mock = await startMockServer({ port: 0, clock: 'manual' });
    closers.push(() => mock.close());
    const gzipping = await listen(async (req, res) => {
      const answer = await fetch(`${mock.url}${req.url}`, {
        method: req.method ?? 'GET',
        headers: { authorization: req.headers.authorization ?? '' },
      });
      const body = (await answer.json()) as { data: unknown[]; pagination: Record<string, unknown> };
      body.pagination.hasMore = true; // a divergence, to be found inside the gzip
      const zipped = gzipSync(JSON.stringify(body));
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-request-id': answer.headers.get('x-request-id') ?? '',
      });
      res.end(zipped);
    });
    const proxy = await proxyTo(gzipping);
    const answer = await raw(proxy.url, {
      method: 'GET',
      path: '/v1/sandboxes',
      headers: ['Authorization', `Bearer ${KEY_A}`, 'Accept-Encoding', 'gzip'],
    });
    expect(answer.body[0]).toBe(0x1f); // gzip's magic number: the bytes were not decoded
    await proxy.settled();
    expect(proxy.verifier.journal.entries()[0]?.findings).toContainEqual(
      expect.objectContaining({ kind: 'behaviour', path: 'body.pagination.hasMore' }),
    );
  });
});

describe('forwarding: an upstream that cannot answer', () => {
  it('connection refused: 502 UPSTREAM_UNREACHABLE in the contract envelope, journaled', async () => {
    const port = await closedPort();
    const proxy = await proxyTo(`http://127.0.0.1:${port}`);
    const response = await fetch(`${proxy.url}/v1/sandboxes`, {
      headers: { authorization: `Bearer ${KEY_A}` },
    });
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      code: 'UPSTREAM_UNREACHABLE',
      details: { upstream: `http://127.0.0.1:${port}`, reason: 'connection refused' },
      requestId: response.headers.get('x-request-id'),
    });
    await proxy.settled();
    expect(proxy.verifier.journal.entries()).toMatchObject([
      { method: 'GET', path: '/v1/sandboxes', status: 502, requestId: response.headers.get('x-request-id') },
    ]);
    expect(proxy.report()).toMatchObject({ upstreamErrors: 1, findings: { total: 0 } });
  });

  it('an upstream that never answers: 502 once the upstream timeout passes', async () => {
    const upstream = await listen(() => {
      // Never answers.
    });
    const proxy = await proxyTo(upstream, { upstreamTimeoutMs: 200 });
    const response = await fetch(`${proxy.url}/v1/sandboxes`, {
      headers: { authorization: `Bearer ${KEY_A}` },
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { details: unknown } }).error.details).toMatchObject({
      reason: 'no answer in time',
    });
  });
});

describe('the proxy control plane', () => {
  it('is served by the proxy, never forwarded, grants no CORS and refuses other origins and hosts', async () => {
    let hits = 0;
    const upstream = await listen((_req, res) => {
      hits++;
      res.writeHead(500).end();
    });
    const proxy = await proxyTo(upstream);
    const journal = await fetch(`${proxy.url}/_mock/requests`);
    expect(journal.status).toBe(200);
    expect(await journal.json()).toEqual({ data: [] });
    expect(journal.headers.get('access-control-allow-origin')).toBeNull();
    // The mock's guard: a page on another origin reads nothing and resets nothing.
    for (const [method, path] of [
      ['GET', '/_mock/requests'],
      ['GET', '/_mock/report'],
      ['POST', '/_mock/reset'],
      ['GET', '/%5Fmock/report'],
    ] as const) {
      const refused = await fetch(`${proxy.url}${path}`, {
        method,
        headers: { origin: 'https://evil.example' },
      });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    // The Host check against DNS rebinding, on every path.
    for (const path of ['/_mock/report', '/v1/sandboxes']) {
      expect(await statusWithHost(`${proxy.url}${path}`, 'rebound.example')).toBe(403);
    }
    const report = await fetch(`${proxy.url}/_mock/report`);
    expect(await report.json()).toMatchObject({ version: 1, exchanges: 0 });
    const clock = await fetch(`${proxy.url}/_mock/clock/advance`, { method: 'POST' });
    expect(clock.status).toBe(404);
    expect(((await clock.json()) as { error: { message: string } }).error.message).toContain(
      "the upstream's own",
    );
    expect(hits).toBe(0);
  });
});
