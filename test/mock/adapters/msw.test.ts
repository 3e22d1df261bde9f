import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import { createHandlers } from '../../../mock-server/msw.js';
import { createOpenApiDocument } from '../../../mock-server/openapi/document.js';
import { Runra, SandboxNotFoundError } from '../../../src/index.js';

const BASE = 'https://api.box.runra.dev';
const AUTH = { authorization: 'Bearer sk_test_msw_00000001' };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };

const handlers = createHandlers({ api: createMockApi({ clock: 'manual' }) });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  handlers.api.reset();
});
afterAll(() => server.close());

async function create(url: string, image = 'node:22'): Promise<{ id: string; state: string }> {
  const response = await fetch(url, { method: 'POST', headers: JSON_AUTH, body: JSON.stringify({ image }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; state: string };
}

describe('msw: createHandlers', () => {
  it('answers plain fetch to the real base URL from the in-process mock', async () => {
    const sandbox = await create(`${BASE}/v1/sandboxes`);
    const got = await fetch(`${BASE}/v1/sandboxes/${sandbox.id}`, { headers: AUTH });
    expect(got.status).toBe(200);
    expect(got.headers.get('x-request-id')).toMatch(/^req_[a-z0-9]{8}$/);
    expect(await got.json()).toMatchObject({ id: sandbox.id, state: 'running' });
    expect(handlers.api.machine).toBeDefined();
    expect(handlers.api.journal.entries().map((e) => e.status)).toEqual([201, 200]);
  });

  it('handlers.api drives the mock: the manual clock moves and the idle timer fires', async () => {
    const sandbox = await create(`${BASE}/v1/sandboxes`);
    handlers.api.clock.advance(120_000); // the default idleTimeoutMs
    const got = (await (await fetch(`${BASE}/v1/sandboxes/${sandbox.id}`, { headers: AUTH })).json()) as {
      state: string;
    };
    expect(got.state).toBe('paused');
  });

  it('serves the control plane and /openapi.json under the base URL too', async () => {
    const advanced = await fetch(`${BASE}/_mock/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 5000 }),
    });
    expect(advanced.ok).toBe(true);
    expect(handlers.api.clock.now()).toBe(createMockApi({ clock: 'manual' }).clock.now() + 5000);
    const doc = await (await fetch(`${BASE}/openapi.json`)).json();
    expect(doc).toEqual(createOpenApiDocument());
  });

  it('a "drop the connection" fault makes fetch reject with a network error (TypeError)', async () => {
    handlers.api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'after' });
    await expect(
      fetch(`${BASE}/v1/sandboxes`, { method: 'POST', headers: JSON_AUTH, body: '{"image":"node:22"}' }),
    ).rejects.toThrow(TypeError);
    // Dropped after the mock acted: the sandbox exists.
    const page = (await (await fetch(`${BASE}/v1/sandboxes`, { headers: AUTH })).json()) as {
      data: unknown[];
    };
    expect(page.data).toHaveLength(1);
  });

  it('a base URL with a path prefix: the prefix is removed before routing, bodies pass through', async () => {
    const proxied = createHandlers({ api: handlers.api, baseURL: 'https://proxy.example.com/runra/' });
    expect(proxied.api).toBe(handlers.api);
    server.use(...proxied);
    const sandbox = await create('https://proxy.example.com/runra/v1/sandboxes', 'python:3.12');
    const got = await fetch(`https://proxy.example.com/runra/v1/sandboxes/${sandbox.id}`, { headers: AUTH });
    expect(await got.json()).toMatchObject({ id: sandbox.id, image: 'python:3.12' });
    const missing = await fetch('https://proxy.example.com/runra/v2/nothing', { headers: AUTH });
    expect(missing.status).toBe(404);
  });

  it('creates its own mock when given none, one per call', () => {
    const a = createHandlers();
    const b = createHandlers();
    expect(a.api).not.toBe(b.api);
    expect(typeof a.api.fetch).toBe('function');
    expect(a).toHaveLength(1);
  });

  it('the SDK against the handlers: create, get, and a typed 404', async () => {
    const runra = new Runra({ apiKey: 'sk_test_msw_00000001', maxRetries: 0 });
    const sandbox = await runra.sandboxes.create({ image: 'ubuntu:24.04', metadata: { suite: 'msw' } });
    expect((await runra.sandboxes.get(sandbox.id)).metadata).toEqual({ suite: 'msw' });
    await expect(runra.sandboxes.get('sb_00000000000000000')).rejects.toBeInstanceOf(SandboxNotFoundError);
  });
});
