import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApi, type MockApi } from '../../../mock-server/api.js';
import {
  type MockServer,
  type MockServerRequestLog,
  startMockServer,
} from '../../../mock-server/node/server.js';
import { Runra, SandboxNotFoundError } from '../../../src/index.js';
import { ERROR_STATUS, LIMITS } from '../../../src/schemas/index.js';

const AUTH = { authorization: 'Bearer sk_test_adapters_0001' };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };

const servers: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A stand-in for the mock whose `fetch` is a given function (only `fetch` is used by the server). */
const handlerDouble = (fetch: (request: Request) => Promise<Response>) => ({ fetch }) as unknown as MockApi;

describe('node server: startMockServer', () => {
  it('listens on loopback on a free port and serves the mock (create then get)', async () => {
    const server = await start({ clock: 'manual' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);

    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: 'POST',
      headers: JSON_AUTH,
      body: JSON.stringify({ image: 'node:22', metadata: { team: 'ml' } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(/^req_[a-z0-9]{8}$/);
    const sandbox = (await created.json()) as { id: string; state: string };

    const got = await fetch(`${server.url}/v1/sandboxes/${sandbox.id}`, { headers: AUTH });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: sandbox.id, image: 'node:22', metadata: { team: 'ml' } });
    expect(server.api.exportState()).toBeTruthy();
  });

  it('the SDK against the server: create, list by metadata, pause, and a typed 404', async () => {
    const server = await start({ clock: 'manual' });
    const runra = new Runra({ apiKey: 'sk_test_adapters_0001', baseURL: server.url, maxRetries: 0 });
    const sandbox = await runra.sandboxes.create({ image: 'node:22', metadata: { suite: 'node' } });
    const page = await runra.sandboxes.list({ metadata: { suite: 'node' } });
    expect(page.data.map((s) => s.id)).toEqual([sandbox.id]);
    expect((await runra.sandboxes.pause(sandbox.id)).state).toBe('paused');
    await expect(runra.sandboxes.get('sb_00000000000000000')).rejects.toBeInstanceOf(SandboxNotFoundError);
  });

  it('serves a given api, so its state is shared with in-process calls', async () => {
    const api = createMockApi({ clock: 'manual' });
    const server = await start({ api });
    expect(server.api).toBe(api);
    await api.fetch(
      new Request('http://in-process/v1/sandboxes', {
        method: 'POST',
        headers: JSON_AUTH,
        body: JSON.stringify({ image: 'python:3.12' }),
      }),
    );
    const page = (await (await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).json()) as {
      data: { image: string }[];
    };
    expect(page.data.map((s) => s.image)).toEqual(['python:3.12']);
  });

  it('streams request bodies to the mock: a body over the limit answers 413 and the server goes on', async () => {
    const server = await start();
    const big = JSON.stringify({ image: 'node:22', env: { PAD: 'x'.repeat(LIMITS.maxBodyBytes) } });
    const response = await fetch(`${server.url}/v1/sandboxes`, {
      method: 'POST',
      headers: JSON_AUTH,
      body: big,
    });
    expect(response.status).toBe(ERROR_STATUS.PAYLOAD_TOO_LARGE);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).status).toBe(200);
  });

  it('a chunked body (no Content-Length) over the limit: 413, and the connection is reused after', async () => {
    const server = await start();
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMITS.maxBodyBytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const init = { method: 'POST', headers: JSON_AUTH, body, duplex: 'half' } as RequestInit;
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/sandboxes`, init);
    expect(response.status).toBe(ERROR_STATUS.PAYLOAD_TOO_LARGE);
    await response.body?.cancel();
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).status).toBe(200);
  });

  it('passes repeated request headers and writes repeated Set-Cookie headers', async () => {
    let seen: Request | undefined;
    const api = handlerDouble(async (request) => {
      seen = request;
      const headers = new Headers({ 'x-echo': request.headers.get('x-multi') ?? '' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response(await request.text(), { status: 202, headers });
    });
    const server = await start({ api });
    const raw = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.url}/echo?x=1`, { method: 'PUT' }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.setHeader('x-multi', ['one', 'two']);
        req.write('chunk-1;');
        req.end('chunk-2');
      },
    );
    expect(raw.status).toBe(202);
    expect(raw.body).toBe('chunk-1;chunk-2');
    expect(raw.headers['x-echo']).toBe('one, two');
    expect(raw.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(seen?.url).toBe(`${server.url}/echo?x=1`);
    expect(seen?.method).toBe('PUT');
  });

  it('a "drop the connection" fault is a network error for fetch; the next request is served', async () => {
    const log: MockServerRequestLog[] = [];
    const server = await start({ onRequest: (entry) => log.push(entry) });
    server.api.faults.add({ method: 'GET', path: '/v1/sandboxes', drop: 'before' });
    await expect(fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).rejects.toThrow(TypeError);
    const next = await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH });
    expect(next.status).toBe(200);
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/v1/sandboxes', null],
      ['GET', '/v1/sandboxes', 200],
    ]);
  });

  it('a handler that throws answers 500 INTERNAL_ERROR in the envelope, with X-Request-Id', async () => {
    const server = await start({ api: handlerDouble(() => Promise.reject(new Error('bug'))) });
    const response = await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH });
    expect(response.status).toBe(ERROR_STATUS.INTERNAL_ERROR);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
  });

  it('TRACE (a method fetch cannot carry): 405 with Allow on a known path, 404 NOT_FOUND elsewhere; the server goes on', async () => {
    const server = await start();
    const trace = (path: string) =>
      new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server.url}${path}`, { method: 'TRACE' }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const known = await trace('/v1/sandboxes');
    expect(known.status).toBe(ERROR_STATUS.METHOD_NOT_ALLOWED);
    expect(known.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(JSON.parse(known.body)).toMatchObject({
      error: { code: 'METHOD_NOT_ALLOWED', details: { method: 'TRACE' } },
    });
    const unknown = await trace('/v1/nothing');
    expect(unknown.status).toBe(ERROR_STATUS.NOT_FOUND);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).status).toBe(200);
  });

  it('onRequest: one entry per request with method, path and query, status and duration', async () => {
    const log: MockServerRequestLog[] = [];
    const server = await start({ onRequest: (entry) => log.push(entry) });
    await fetch(`${server.url}/v1/sandboxes?limit=5`, { headers: AUTH });
    await fetch(`${server.url}/v1/sandboxes/sb_missing`, { method: 'DELETE', headers: AUTH });
    await fetch(`${server.url}/nowhere`);
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/v1/sandboxes?limit=5', status: 200 },
      { method: 'DELETE', path: '/v1/sandboxes/sb_missing', status: 404 },
      { method: 'GET', path: '/nowhere', status: 404 },
    ]);
    for (const entry of log) expect(entry.ms).toBeGreaterThanOrEqual(0);
  });

  it('close(): resolves promptly although fetch keeps its connection alive, then refuses connections', async () => {
    const server = await start();
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).ok).toBe(true);
    const started = performance.now();
    await server.close();
    // Node's keep-alive timeout is 5 s: a close that waited for idle sockets would take that long.
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/v1/sandboxes`, { headers: AUTH })).rejects.toThrow(TypeError);
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('close(): lets a request in flight finish, answered with Connection: close', async () => {
    const server = await start();
    server.api.faults.add({ method: 'GET', path: '/v1/sandboxes', latencyMs: 150 });
    const inFlight = fetch(`${server.url}/v1/sandboxes`, { headers: AUTH });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await closed;
  });

  it('binding a port in use rejects with EADDRINUSE', async () => {
    const server = await start();
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('importing the server module does not load node:http (browsers and workerd import runra/mock)', async () => {
    const script = [
      "await import('./mock-server/node/server.ts');",
      'const loaded = process.moduleLoadList.filter((m) => /^NativeModule (http|_http_server)$/.test(m));',
      'console.log(JSON.stringify(loaded));',
    ].join('\n');
    const { stdout } = await promisify(execFile)('npx', ['tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null')).toEqual([]);
  });
});
