import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidRequestError, Runra, RunraError, unknownField } from '../../src/index.js';
import { API_KEY, BASE_URL, client, fakeFetch, json, sandboxBody, summaryBody } from './helpers.js';

const page = (data: unknown[] = []) => ({
  data,
  pagination: { total: data.length, limit: 20, offset: 0, hasMore: false },
});
const lifecycle = { id: 'sb_1', state: 'paused', pausedAt: '2026-06-15T11:00:00.000Z', runtimeDurationMs: 1 };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('wire format', () => {
  it('create: POST /v1/sandboxes with the params as given, JSON headers and an Idempotency-Key', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
    const params = { image: 'node:22', resources: { cpu: 4 as const } };
    await client(fetch).sandboxes.create(params);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url.href).toBe(`${BASE_URL}/v1/sandboxes`);
    expect(JSON.parse(request?.body ?? '')).toEqual(params);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.headers.get('idempotency-key')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('create: a body JSON cannot hold is an InvalidRequestError before any request, never retried', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
    const runra = client(fetch, { validateParams: false, maxRetries: 2 });
    const error = await runra.sandboxes
      .create({ image: 'node:22', timeoutMs: 10n as unknown as number })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', status: undefined });
    expect(String((error as Error).message)).toMatch(/cannot be sent as JSON/);
    expect(seen).toHaveLength(0);
  });

  it('sends no custom header beyond Authorization, Accept, User-Agent, Content-Type and Idempotency-Key', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
    await client(fetch).sandboxes.create({ image: 'node:22' });
    const names = [...(seen[0]?.headers.keys() ?? [])].sort();
    expect(names).toEqual(['accept', 'authorization', 'content-type', 'idempotency-key', 'user-agent']);
  });

  it('get, pause, resume, terminate: method and path per the contract; only POSTs carry a key', async () => {
    const { fetch, seen } = fakeFetch((request) => {
      if (request.url.pathname.endsWith('/pause')) return json(200, lifecycle);
      if (request.url.pathname.endsWith('/resume'))
        return json(200, { id: 'sb_1', state: 'running', resumedAt: 'x', pausedDurationMs: 1 });
      if (request.method === 'DELETE')
        return json(200, { id: 'sb_1', state: 'terminated', terminatedAt: 'x', totalRuntimeMs: 1 });
      return json(200, sandboxBody());
    });
    const runra = client(fetch);
    await runra.sandboxes.get('sb_1');
    await runra.sandboxes.pause('sb_1');
    await runra.sandboxes.resume('sb_1');
    await runra.sandboxes.terminate('sb_1');
    expect(seen.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /v1/sandboxes/sb_1',
      'POST /v1/sandboxes/sb_1/pause',
      'POST /v1/sandboxes/sb_1/resume',
      'DELETE /v1/sandboxes/sb_1',
    ]);
    expect(seen.map((r) => r.headers.has('idempotency-key'))).toEqual([false, true, true, false]);
    expect(seen.map((r) => r.headers.has('content-type'))).toEqual([false, false, false, false]);
  });

  it('list: filters become query parameters, metadata as metadata.KEY', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, page()));
    await client(fetch).sandboxes.list({
      state: 'running',
      image: 'node:22',
      metadata: { userId: 'u1', 'team&x': 'a b' },
      limit: 50,
      offset: 10,
    });
    const query = seen[0]?.url.searchParams;
    expect(seen[0]?.url.pathname).toBe('/v1/sandboxes');
    expect(Object.fromEntries(query ?? [])).toEqual({
      state: 'running',
      image: 'node:22',
      'metadata.userId': 'u1',
      'metadata.team&x': 'a b',
      limit: '50',
      offset: '10',
    });
  });

  it('list without params sends no query', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, page()));
    await client(fetch).sandboxes.list();
    expect(seen[0]?.url.search).toBe('');
  });

  it.each(['../x', 'a?b=1', 'a/b', '%2e%2e', '..%2f', 'a#b', ' sb', 'sb_1/../../v2'])(
    'ids: %j stays inside its single path segment and adds no query',
    async (id) => {
      const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
      await client(fetch).sandboxes.get(id);
      const url = seen[0]?.url;
      expect(url?.search).toBe('');
      expect(url?.hash).toBe('');
      const segments = url?.pathname.split('/') ?? [];
      expect(segments.slice(0, 3)).toEqual(['', 'v1', 'sandboxes']);
      expect(segments).toHaveLength(4);
      expect(decodeURIComponent(segments[3] ?? '')).toBe(id);
    },
  );

  it.each(['', '.', '..'])('ids: %j is refused with InvalidRequestError before any request', async (id) => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const error = await client(fetch)
      .sandboxes.pause(id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).code).toBe('INVALID_REQUEST');
    expect(seen).toHaveLength(0);
  });

  it('defaultHeaders and per-request headers are sent; per-request wins', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const runra = client(fetch, { defaultHeaders: { 'X-Team': 'platform', 'X-Env': 'a' } });
    await runra.sandboxes.get('sb_1', { headers: { 'X-Env': 'b' } });
    expect(seen[0]?.headers.get('x-team')).toBe('platform');
    expect(seen[0]?.headers.get('x-env')).toBe('b');
  });

  it('idempotencyKey: the caller’s key is sent on a POST', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, lifecycle));
    await client(fetch).sandboxes.pause('sb_1', { idempotencyKey: 'job-42' });
    expect(seen[0]?.headers.get('idempotency-key')).toBe('job-42');
  });

  it('idempotencyKey: two calls get two different generated keys', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, lifecycle));
    const runra = client(fetch);
    await runra.sandboxes.pause('sb_1');
    await runra.sandboxes.pause('sb_1');
    expect(seen[0]?.headers.get('idempotency-key')).not.toBe(seen[1]?.headers.get('idempotency-key'));
  });

  it('idempotencyKey: without crypto.randomUUID a v4 UUID is built from getRandomValues', async () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const { fetch, seen } = fakeFetch(() => json(200, lifecycle));
      await client(fetch).sandboxes.pause('sb_1');
      expect(seen[0]?.headers.get('idempotency-key')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });

  it('responses: the original JSON is returned, unknown fields and __proto__ keys included', async () => {
    const raw = `{"id":"sb_1","state":"hibernating","image":"node:22","resources":{"cpu":2,"memoryMb":4096,"diskMb":10240,"gpu":1},"env":{},"workdir":"/w","timeoutMs":1,"idleTimeoutMs":1,"metadata":{"__proto__":"kept"},"network":{"egress":{"default":"allow"}},"createdAt":"t","region":"eu"}`;
    const { fetch } = fakeFetch(() => new Response(raw, { status: 200 }));
    const sandbox = await client(fetch).sandboxes.get('sb_1');
    expect(sandbox).toEqual(JSON.parse(raw));
    expect(sandbox.state).toBe('hibernating');
    expect(unknownField(sandbox, 'region')).toBe('eu');
    expect(unknownField(sandbox.resources, 'gpu')).toBe(1);
    expect(Object.hasOwn(sandbox.metadata, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(sandbox.metadata)).toBe(Object.prototype);
  });

  it('withResponse gives the data, the response and the request id', async () => {
    const { fetch } = fakeFetch(() => json(200, sandboxBody(), { 'x-request-id': 'req_zz998877' }));
    const { data, response, requestId } = await client(fetch).sandboxes.get('sb_1').withResponse();
    expect(data.id).toBe('sb_x7k2m9p4q1w3v5b8n');
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_zz998877');
  });

  it('baseURL: a trailing slash is tolerated; /v1 is appended', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    await client(fetch, { baseURL: 'http://127.0.0.1:4010/' }).sandboxes.get('sb_1');
    expect(seen[0]?.url.href).toBe('http://127.0.0.1:4010/v1/sandboxes/sb_1');
  });
});

describe('client options', () => {
  it('apiKey and baseURL default to RUNRA_API_KEY and RUNRA_BASE_URL', async () => {
    vi.stubEnv('RUNRA_API_KEY', 'sk_from_env');
    vi.stubEnv('RUNRA_BASE_URL', 'http://localhost:9999');
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    await new Runra({ fetch }).sandboxes.get('sb_1');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk_from_env');
    expect(seen[0]?.url.origin).toBe('http://localhost:9999');
  });

  it('baseURL defaults to https://api.box.runra.dev', () => {
    vi.stubEnv('RUNRA_BASE_URL', '');
    expect(new Runra({ apiKey: API_KEY }).baseURL).toBe('https://api.box.runra.dev');
  });

  it('a missing key is a RunraError naming RUNRA_API_KEY, raised before any request', () => {
    vi.stubEnv('RUNRA_API_KEY', '');
    const fetch = vi.fn();
    let error: unknown;
    try {
      new Runra({ fetch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunraError);
    expect((error as RunraError).code).toBe('MISSING_API_KEY');
    expect((error as RunraError).message).toContain('RUNRA_API_KEY');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the environment is read safely where reading it throws (Deno without --allow-env)', () => {
    const env = Object.getOwnPropertyDescriptor(process, 'env');
    Object.defineProperty(process, 'env', {
      configurable: true,
      get() {
        throw new Error('PermissionDenied');
      },
    });
    try {
      expect(() => new Runra()).toThrow(/RUNRA_API_KEY/);
      expect(new Runra({ apiKey: API_KEY }).baseURL).toBe('https://api.box.runra.dev');
    } finally {
      if (env) Object.defineProperty(process, 'env', env);
    }
  });

  it('an invalid baseURL is refused at construction', () => {
    expect(() => new Runra({ apiKey: API_KEY, baseURL: 'not a url' })).toThrow(
      expect.objectContaining({ code: 'INVALID_BASE_URL' }),
    );
  });

  it('withOptions returns a derived client and leaves the original untouched', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const runra = client(fetch, { defaultHeaders: { 'X-Team': 'a' } });
    const derived = runra.withOptions({ timeoutMs: 5, maxRetries: 7, baseURL: 'http://other.test' });
    expect(derived).not.toBe(runra);
    expect([derived.timeoutMs, derived.maxRetries, derived.baseURL]).toEqual([5, 7, 'http://other.test']);
    expect([runra.timeoutMs, runra.maxRetries, runra.baseURL]).toEqual([60_000, 2, BASE_URL]);
    await derived.sandboxes.get('sb_1');
    expect(seen[0]?.url.origin).toBe('http://other.test');
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(seen[0]?.headers.get('x-team')).toBe('a');
  });

  it('the list result items are summaries as sent', async () => {
    const items = [summaryBody('sb_a'), summaryBody('sb_b')];
    const { fetch } = fakeFetch(() => json(200, page(items)));
    const result = await client(fetch).sandboxes.list();
    expect(result.data).toEqual(items);
    expect(result.pagination).toEqual(page(items).pagination);
  });
});
