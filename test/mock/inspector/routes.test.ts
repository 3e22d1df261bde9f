import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApi, type MockApi } from '../../../mock-server/api.js';
import { INSPECTOR_ASSETS, INSPECTOR_PAGE } from '../../../mock-server/inspector/assets.generated.js';
import { writeWebResponse } from '../../../mock-server/node/convert.js';
import { type MockServer, startMockServer } from '../../../mock-server/node/server.js';
import { spawnCli } from '../adapters/cli-process.js';

const KEY = 'sk_test_inspector_routes_77aa';
const AUTH = { authorization: `Bearer ${KEY}` };

const servers: MockServer[] = [];
async function start(): Promise<MockServer> {
  const server = await startMockServer({ clock: 'manual', seed: 5 });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('inspector routes over HTTP', () => {
  it('GET /_mock/ui: the page, with a strict CSP, its own assets only, and no CORS grant', async () => {
    const server = await start();
    expect(server.inspectorUrl).toBe(`${server.url}/_mock/ui`);
    const response = await fetch(server.inspectorUrl as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const html = await response.text();
    const linked = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(linked).toEqual(['data:,', '/_mock/ui/assets/app.css', '/_mock/ui/assets/app.js']);
  });

  it('assets: their type and ETag, 304 on revalidation, 404 for an unknown name', async () => {
    const server = await start();
    const script = await fetch(`${server.url}/_mock/ui/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(INSPECTOR_ASSETS['app.js']?.body);
    const etag = script.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/_mock/ui/assets/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const unknown = await fetch(`${server.url}/_mock/ui/assets/constructor`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'NOT_FOUND', details: { asset: 'constructor' } },
    });
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the page weighs at most 40 kB min+gzip, every asset together, and loads nothing from another host', () => {
    const bodies = [INSPECTOR_PAGE.body, ...Object.values(INSPECTOR_ASSETS).map((asset) => asset.body)];
    const total = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).byteLength, 0);
    expect(total).toBeLessThanOrEqual(40 * 1024);
    const css = INSPECTOR_ASSETS['app.css']?.body ?? '';
    expect(css).not.toMatch(/url\((?!data:)|@import/);
    // The script's only absolute URLs are XML namespaces (Preact's SVG support), never fetched.
    const urls = new Set(INSPECTOR_ASSETS['app.js']?.body.match(/https?:\/\/[^"'`\s)]+/g) ?? []);
    expect([...urls].every((url) => url.startsWith('http://www.w3.org/'))).toBe(true);
  });

  it('GET /_mock/ui/sandboxes/:id: the whole record, its key masked; 404 for an unknown id', async () => {
    const server = await start();
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'node:22', env: { DEBUG: '1' } }),
    });
    const { id } = (await created.json()) as { id: string };
    const detail = await fetch(`${server.url}/_mock/ui/sandboxes/${id}`);
    const text = await detail.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toMatchObject({
      sandbox: { id, env: { DEBUG: '1' }, workdir: '/workspace' },
      row: { id, key: 'sk_…77aa', state: 'running' },
    });
    expect((await fetch(`${server.url}/_mock/ui/sandboxes/sb_nothere`)).status).toBe(404);
  });

  it('GET /_mock/ui/requests/:id: the journal entry with both bodies; 404 once it is gone', async () => {
    const server = await start();
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'python:3.12' }),
    });
    const requestId = created.headers.get('x-request-id') ?? '';
    const sandbox = await created.json();
    const detail = await (await fetch(`${server.url}/_mock/ui/requests/${requestId}`)).json();
    expect(detail).toMatchObject({ requestId, method: 'POST', status: 201, apiKey: 'sk_…77aa' });
    expect(JSON.parse(detail.requestBody.text)).toEqual({ image: 'python:3.12' });
    expect(JSON.parse(detail.responseBody.text)).toEqual(sandbox);
    await fetch(`${server.url}/_mock/requests`, { method: 'DELETE' });
    expect((await fetch(`${server.url}/_mock/ui/requests/${requestId}`)).status).toBe(404);
  });

  it('the live feed over HTTP: an event stream that starts with a snapshot; close() ends it at once', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/_mock/ui/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: snapshot')) text += new TextDecoder().decode((await reader.read()).value);
    // The feed never ends by itself: closing the server ends it rather than waiting on it.
    await server.close();
    for (let read = await reader.read(); !read.done; read = await reader.read());
  });

  it('in-process, the mock has no inspector: /_mock/ui is 404 (it belongs to a mock served over HTTP)', async () => {
    const api = createMockApi();
    const response = await api.fetch(new Request('http://localhost/_mock/ui'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('a server of a stand-in api (no mock machine) has no inspector URL', async () => {
    const double = { fetch: async () => new Response('{}') } as unknown as MockApi;
    const server = await startMockServer({ api: double });
    servers.push(server);
    expect(server.inspectorUrl).toBeUndefined();
  });
});

describe('the Node writer and a body that never ends', () => {
  it('a client that goes away cancels the streamed body, so its source lets it go', async () => {
    let cancelled: () => void = () => undefined;
    const gone = new Promise<void>((resolve) => {
      cancelled = resolve;
    });
    const http = createServer((_req, res) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('a'));
          controller.enqueue(new TextEncoder().encode('b'));
        },
        cancel: () => cancelled(),
      });
      void writeWebResponse(res, new Response(body));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: controller.signal });
    await response.body?.getReader().read();
    controller.abort();
    await gone;
    http.close();
  });
});

describe('runra-mock and the inspector', () => {
  it("prints the inspector's address on stderr (stdout stays the URL then requests); --quiet prints none", async () => {
    const mock = spawnCli(['--port', '0', '--manual-clock']);
    const url = await mock.line(0);
    while (!mock.stderr().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mock.stderr()).toBe(`runra-mock: inspector at ${url}/_mock/ui\n`);
    mock.child.kill('SIGTERM');
    await mock.exited;
    const quiet = spawnCli(['--port', '0', '--quiet']);
    await quiet.line(0);
    quiet.child.kill('SIGTERM');
    await quiet.exited;
    expect(quiet.stderr()).toBe('');
  });
});
