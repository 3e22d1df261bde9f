import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import { createOpenApiDocument } from '../../../mock-server/openapi/document.js';
import { LIMITS } from '../../../src/schemas/index.js';
import { at, documentValidator } from './openapi-helpers.js';

const KEY = 'Bearer sk_test_conformance_01';
const check = documentValidator();
const doc = createOpenApiDocument();
const seen = new Set<string>();

/**
 * Sends a request to the mock and checks the answer against the document: its status is
 * declared for the operation, its body matches that response's schema, its headers are there.
 */
async function call(
  api: ReturnType<typeof createMockApi>,
  method: 'get' | 'post' | 'delete',
  template: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  const headers = { authorization: KEY, 'content-type': 'application/json', ...init.headers };
  const response = await api.fetch(
    new Request(`http://mock${path}`, { method: method.toUpperCase(), headers, body: init.body ?? null }),
  );
  const status = String(response.status);
  const declared = at(doc, 'paths', template, method, 'responses');
  expect(Object.keys(declared), `${method} ${template} answered an undeclared ${status}`).toContain(status);
  const body: unknown = await response.json();
  const where = ['paths', template, method, 'responses', status, 'content', 'application/json', 'schema'];
  expect(check.errors(body, ...where), `${method} ${path} ${status} ${JSON.stringify(body)}`).toEqual([]);
  for (const [header, ref] of Object.entries(at(declared, status, 'headers'))) {
    const name =
      String((ref as { $ref: string }).$ref)
        .split('/')
        .at(-1) ?? '';
    const required = at(doc, 'components', 'headers', name).required === true;
    if (required) expect(response.headers.has(header), `${status} lacks ${header}`).toBe(true);
  }
  if (response.headers.has('idempotent-replayed')) seen.add(`${method} ${template} replayed`);
  seen.add(`${method} ${template} ${status}`);
  return { status: response.status, body: body as Record<string, unknown> };
}

describe('openapi conformance: what the mock answers matches the generated document', () => {
  it('every operation, its success and its errors', async () => {
    const api = createMockApi({
      clock: 'manual',
      capacityCpu: 4,
      createRateLimit: { limit: 3, windowMs: 60_000 },
    });
    const create = (body: unknown, headers?: Record<string, string>) =>
      call(api, 'post', '/v1/sandboxes', '/v1/sandboxes', {
        body: JSON.stringify(body),
        ...(headers ? { headers } : {}),
      });

    const a = await create({ image: 'node:22', env: { A: '1' }, metadata: { team: 'ml' } });
    expect(a.status).toBe(201);
    const id = String(a.body.id);
    expect((await create({ image: 'node:22', resources: { cpu: 3 } })).status).toBe(400);
    expect((await call(api, 'post', '/v1/sandboxes', '/v1/sandboxes', { body: '{oops' })).status).toBe(400);
    expect((await create({ image: 'node:22' }, { authorization: 'nope' })).status).toBe(401);
    expect((await create({ image: 'x'.repeat(LIMITS.maxBodyBytes + 1) })).status).toBe(413);
    expect((await create({ image: 'node:22' }, { 'idempotency-key': 'k1' })).status).toBe(201);
    expect((await create({ image: 'node:22' }, { 'idempotency-key': 'k1' })).status).toBe(201); // replayed
    expect((await create({ image: 'python:3.12' }, { 'idempotency-key': 'k1' })).status).toBe(409);
    expect((await create({ image: 'node:22', resources: { cpu: 8 } })).status).toBe(503);

    expect((await call(api, 'get', '/v1/sandboxes', '/v1/sandboxes?metadata.team=ml&limit=1')).status).toBe(
      200,
    );
    expect((await call(api, 'get', '/v1/sandboxes', '/v1/sandboxes?limit=0')).status).toBe(400);
    expect((await call(api, 'get', '/v1/sandboxes/{id}', `/v1/sandboxes/${id}`)).status).toBe(200);
    expect((await call(api, 'get', '/v1/sandboxes/{id}', '/v1/sandboxes/sb_missing')).status).toBe(404);

    const pause = `/v1/sandboxes/${id}/pause`;
    const resume = `/v1/sandboxes/${id}/resume`;
    expect((await call(api, 'post', '/v1/sandboxes/{id}/resume', resume)).status).toBe(409);
    expect((await call(api, 'post', '/v1/sandboxes/{id}/pause', pause)).status).toBe(200);
    expect((await call(api, 'post', '/v1/sandboxes/{id}/pause', pause)).status).toBe(409);
    // While paused, its vCPUs are free: another sandbox takes them, so resume finds none.
    expect((await create({ image: 'node:22', resources: { cpu: 2 } })).status).toBe(201);
    expect((await call(api, 'post', '/v1/sandboxes/{id}/resume', resume)).status).toBe(503);
    expect((await create({ image: 'node:22' })).status).toBe(429);

    expect((await call(api, 'delete', '/v1/sandboxes/{id}', `/v1/sandboxes/${id}`)).status).toBe(200);
    expect((await call(api, 'delete', '/v1/sandboxes/{id}', `/v1/sandboxes/${id}`)).status).toBe(200);
    expect((await call(api, 'delete', '/v1/sandboxes/{id}', '/v1/sandboxes/sb_missing')).status).toBe(404);
    expect(
      (await call(api, 'post', '/v1/sandboxes/{id}/pause', '/v1/sandboxes/sb_missing/pause')).status,
    ).toBe(404);

    expect([...seen].sort()).toEqual(
      [
        'post /v1/sandboxes 201',
        'post /v1/sandboxes replayed',
        'post /v1/sandboxes 400',
        'post /v1/sandboxes 401',
        'post /v1/sandboxes 409',
        'post /v1/sandboxes 413',
        'post /v1/sandboxes 429',
        'post /v1/sandboxes 503',
        'get /v1/sandboxes 200',
        'get /v1/sandboxes 400',
        'get /v1/sandboxes/{id} 200',
        'get /v1/sandboxes/{id} 404',
        'post /v1/sandboxes/{id}/pause 200',
        'post /v1/sandboxes/{id}/pause 404',
        'post /v1/sandboxes/{id}/pause 409',
        'post /v1/sandboxes/{id}/resume 409',
        'post /v1/sandboxes/{id}/resume 503',
        'delete /v1/sandboxes/{id} 200',
        'delete /v1/sandboxes/{id} 404',
      ].sort(),
    );
  });

  it('routing errors are the envelopes the description names: 404 NOT_FOUND, 405 with Allow', async () => {
    const api = createMockApi();
    const envelope = ['components', 'schemas', 'ErrorEnvelope'];
    const notFound = await api.fetch(
      new Request('http://mock/v2/nothing', { headers: { authorization: KEY } }),
    );
    const notFoundBody = (await notFound.json()) as { error: { code: string } };
    expect(notFound.status).toBe(404);
    expect(check.errors(notFoundBody, ...envelope)).toEqual([]);
    expect(notFoundBody.error.code).toBe('NOT_FOUND');
    const wrong = await api.fetch(
      new Request('http://mock/v1/sandboxes', { method: 'PUT', headers: { authorization: KEY } }),
    );
    const wrongBody = (await wrong.json()) as { error: { code: string } };
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBeTruthy();
    expect(check.errors(wrongBody, ...envelope)).toEqual([]);
    expect(wrongBody.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('GET /openapi.json on the mock serves this document', async () => {
    const response = await createMockApi().fetch(new Request('http://mock/openapi.json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(doc);
  });
});
