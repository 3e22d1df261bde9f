import { describe, expect, it, vi } from 'vitest';
import { ErrorEnvelopeSchema, LIMITS, SandboxPageSchema, SandboxSchema } from '../../../src/schemas/index.js';
import { setup } from './helpers.js';

const REQUEST_ID = /^req_[a-z0-9]{8}$/;

describe('http: the contract routes', () => {
  it('create answers 201 with a Sandbox and X-Request-Id; get returns the same shape', async () => {
    const { call } = setup();
    const created = await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(SandboxSchema.safeParse(created.json).success).toBe(true);
    const got = await call('GET', `/v1/sandboxes/${created.json.id}`);
    expect(got.json).toEqual(created.json);
  });

  it('errors use the envelope with requestId equal to X-Request-Id', async () => {
    const { call } = setup();
    const missing = await call('GET', '/v1/sandboxes/sb_x7k2m9p4q1w3v5b8n');
    expect(missing.status).toBe(404);
    expect(ErrorEnvelopeSchema.safeParse(missing.json).success).toBe(true);
    expect(missing.json.error).toEqual({
      code: 'SANDBOX_NOT_FOUND',
      message: 'Sandbox sb_x7k2m9p4q1w3v5b8n not found',
      details: { sandboxId: 'sb_x7k2m9p4q1w3v5b8n' },
      requestId: missing.headers.get('x-request-id'),
    });
  });

  it('pause/resume/terminate answer their result bodies; a second pause answers 409 INVALID_STATE', async () => {
    const { api, call } = setup();
    const { json: sandbox } = await call('POST', '/v1/sandboxes', {
      body: { image: 'node:22', idleTimeoutMs: 0 },
    });
    api.clock.advance(1000);
    expect((await call('POST', `/v1/sandboxes/${sandbox.id}/pause`)).json).toMatchObject({
      state: 'paused',
      runtimeDurationMs: 1000,
    });
    const again = await call('POST', `/v1/sandboxes/${sandbox.id}/pause`);
    expect(again.status).toBe(409);
    expect(again.json.error.details).toEqual({ sandboxId: sandbox.id, currentState: 'paused' });
    expect((await call('POST', `/v1/sandboxes/${sandbox.id}/resume`)).json).toMatchObject({
      state: 'running',
      pausedDurationMs: 0,
    });
    const ended = await call('DELETE', `/v1/sandboxes/${sandbox.id}`);
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ state: 'terminated', totalRuntimeMs: 1000 });
  });

  it('401 UNAUTHORIZED without, with a malformed, or (with apiKeys) an unknown key', async () => {
    const { call } = setup({ apiKeys: ['sk_only_this_one'] });
    for (const init of [
      { key: null },
      { key: null, headers: { authorization: 'Basic abc' } },
      { key: 'sk_someone_else' },
    ]) {
      const answer = await call('GET', '/v1/sandboxes', init);
      expect(answer.status).toBe(401);
      expect(answer.json.error.code).toBe('UNAUTHORIZED');
    }
    expect((await call('GET', '/v1/sandboxes', { key: 'sk_only_this_one' })).status).toBe(200);
  });

  it('404 NOT_FOUND for an unknown route and 405 with Allow for a wrong method, both with X-Request-Id', async () => {
    const { call } = setup();
    const unknown = await call('GET', '/v2/things');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('NOT_FOUND');
    expect(unknown.headers.get('x-request-id')).toBe(unknown.json.error.requestId);
    const wrong = await call('PUT', '/v1/sandboxes');
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await call('PATCH', '/v1/sandboxes/sb_x')).headers.get('allow')).toBe(
      'GET, HEAD, DELETE, OPTIONS',
    );
  });

  it('routes by pathname only: any origin works', async () => {
    const { api } = setup();
    const response = await api.fetch(
      new Request('http://localhost:9/v1/sandboxes', { headers: { authorization: 'Bearer sk_x_1' } }),
    );
    expect(response.status).toBe(200);
  });

  it('CORS: the preflight allows the three headers, responses expose X-Request-Id and Retry-After', async () => {
    const { api, call } = setup();
    const preflight = await api.fetch(
      new Request('https://api.box.runra.dev/v1/sandboxes', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Idempotency-Key',
    );
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, OPTIONS');
    expect(preflight.headers.get('x-request-id')).toMatch(REQUEST_ID);
    const exposed = (await call('GET', '/v1/sandboxes')).headers.get('access-control-expose-headers');
    expect(exposed).toContain('X-Request-Id');
    expect(exposed).toContain('Retry-After');
  });

  it('413 PAYLOAD_TOO_LARGE over the limit, by the bytes received even without Content-Length', async () => {
    const { api, call } = setup();
    const big = JSON.stringify({ image: 'node:22', env: { A: 'x'.repeat(LIMITS.maxBodyBytes) } });
    const declared = await call('POST', '/v1/sandboxes', { raw: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
        controller.close();
      },
    });
    const streamed = await api.fetch(
      new Request('https://api.box.runra.dev/v1/sandboxes', {
        method: 'POST',
        headers: { authorization: 'Bearer sk_x_1' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect((await call('GET', '/v1/sandboxes', { key: 'sk_x_1' })).json.pagination.total).toBe(0);
  });

  it.each([
    ['malformed JSON', '{"image":'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a string', '"node:22"'],
    ['an empty body', ''],
  ])('400 INVALID_REQUEST for %s, and nothing is created', async (_, raw) => {
    const { call } = setup();
    const answer = await call('POST', '/v1/sandboxes', {
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('INVALID_REQUEST');
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(0);
  });

  it('400 INVALID_CONFIG names the field; bad input never yields a 5xx or a half-created sandbox', async () => {
    const { call } = setup();
    const answer = await call('POST', '/v1/sandboxes', { body: { image: 'node:22', resources: { cpu: 3 } } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.details).toMatchObject({
      field: 'resources.cpu',
      reason: 'must be one of 2, 4, 8, got 3',
    });
    const junk = [
      '{"image":1}',
      '{"image":"a","env":[]}',
      '{"image":"a","metadata":{"k":1}}',
      '{"image":"a","network":null}',
      '{"constructor":{}}',
    ];
    for (const raw of junk) expect((await call('POST', '/v1/sandboxes', { raw })).status).toBe(400);
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(0);
  });

  it('__proto__ and constructor keys in metadata and env are plain data', async () => {
    const { call } = setup();
    const raw = '{"image":"node:22","metadata":{"__proto__":"m","constructor":"c"},"env":{"__proto__":"e"}}';
    const created = await call('POST', '/v1/sandboxes', { raw });
    expect(created.status).toBe(201);
    const fetched = await call('GET', `/v1/sandboxes/${created.json.id}`);
    expect(Object.hasOwn(fetched.json.metadata, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(fetched.json.metadata, '__proto__')?.value).toBe('m');
    expect(fetched.json.metadata.constructor).toBe('c');
    expect(Object.hasOwn(fetched.json.env, '__proto__')).toBe(true);
    const listed = await call('GET', '/v1/sandboxes?metadata.__proto__=m');
    expect(listed.json.data.map((s: { id: string }) => s.id)).toEqual([created.json.id]);
    expect(
      (await call('POST', '/v1/sandboxes', { raw: '{"image":"node:22","__proto__":{"x":1}}' })).status,
    ).toBe(400);
  });

  it('list: query filters and pages; bad, unknown and repeated parameters answer 400 INVALID_REQUEST', async () => {
    const { call } = setup();
    await call('POST', '/v1/sandboxes', { body: { image: 'node:22', metadata: { team: 'a' } } });
    await call('POST', '/v1/sandboxes', { body: { image: 'python:3.12', metadata: { team: 'a' } } });
    const page = await call('GET', '/v1/sandboxes?metadata.team=a&image=python:3.12&limit=1');
    expect(SandboxPageSchema.safeParse(page.json).success).toBe(true);
    expect(page.json.pagination).toEqual({ total: 1, limit: 1, offset: 0, hasMore: false });
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'offset=-1',
      'state=sleeping',
      'colour=red',
      'limit=1&limit=2',
      'metadata.=x',
    ]) {
      const answer = await call('GET', `/v1/sandboxes?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe('INVALID_REQUEST');
    }
  });

  it('Idempotency-Key: a retried create replays the first response; another body answers 409 IDEMPOTENCY_CONFLICT', async () => {
    const { call } = setup();
    const headers = { 'idempotency-key': 'create-1' };
    const first = await call('POST', '/v1/sandboxes', {
      body: { image: 'node:22', env: { A: '1', B: '2' } },
      headers,
    });
    const retry = await call('POST', '/v1/sandboxes', {
      raw: '{ "env": {"B":"2","A":"1"}, "image": "node:22" }',
      headers,
    });
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await call('POST', '/v1/sandboxes', { body: { image: 'node:20' }, headers });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const pause = await call('POST', `/v1/sandboxes/${first.json.id}/pause`, { headers });
    expect(pause.json.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(1);
  });

  it('Idempotency-Key: a pause retried after it landed answers 200 again', async () => {
    const { call } = setup();
    const { json: sandbox } = await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    const headers = { 'idempotency-key': 'pause-1' };
    const first = await call('POST', `/v1/sandboxes/${sandbox.id}/pause`, { headers });
    const retry = await call('POST', `/v1/sandboxes/${sandbox.id}/pause`, { headers });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.json).toEqual(first.json);
  });

  it('429 and 503 carry Retry-After in seconds and details.retryAfterMs', async () => {
    const limited = setup({ createRateLimit: { limit: 1, windowMs: 2500 } });
    await limited.call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    const rate = await limited.call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    expect(rate.status).toBe(429);
    expect(rate.headers.get('retry-after')).toBe('3');
    expect(rate.json.error.details.retryAfterMs).toBe(2500);
    const full = setup({ capacityCpu: 2 });
    await full.call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    const exhausted = await full.call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    expect(exhausted.status).toBe(503);
    expect(exhausted.json.error.code).toBe('RESOURCE_EXHAUSTED');
    expect(Number(exhausted.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('a thrown bug answers 500 INTERNAL_ERROR in the envelope, with X-Request-Id', async () => {
    const { api, call } = setup();
    vi.spyOn(api.machine, 'get').mockImplementation(() => {
      throw new Error('boom');
    });
    const answer = await call('GET', '/v1/sandboxes/sb_x');
    expect(answer.status).toBe(500);
    expect(answer.json.error).toMatchObject({
      code: 'INTERNAL_ERROR',
      requestId: answer.headers.get('x-request-id'),
    });
  });

  it('is safe under many concurrent calls: every create is listed once, ids unique', async () => {
    const { call } = setup();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })),
    );
    const ids = new Set(answers.map((a) => a.json.id));
    expect(ids.size).toBe(50);
    expect((await call('GET', '/v1/sandboxes?limit=100')).json.pagination.total).toBe(50);
  });
});
