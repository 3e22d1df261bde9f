import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIResponseValidationError, InvalidRequestError, NotFoundError } from '../../src/index.js';
import { API_KEY, apiError, BASE_URL, client, fakeFetch, json, settle } from './helpers.js';

/**
 * Endpoints the SDK does not wrap yet: `runra.get/post/put/patch/delete/request` call any
 * path with the client's auth, headers, retries, idempotency, errors and logging.
 */

afterEach(() => {
  vi.useRealTimers();
});

describe('calling any endpoint', () => {
  it('post: path under /v1, query, JSON body, auth and an Idempotency-Key kept across retries', async () => {
    vi.useFakeTimers();
    const { fetch, seen } = fakeFetch((_request, index) =>
      index === 0 ? apiError(503, 'RESOURCE_EXHAUSTED') : json(200, { exitCode: 0 }),
    );
    const outcome = settle(
      client(fetch).post<{ exitCode: number }>('/sandboxes/sb_1/exec', {
        body: { command: ['ls'] },
        query: { wait: true, skip: undefined },
      }),
    );
    await vi.runAllTimersAsync();
    expect((await outcome).value).toEqual({ exitCode: 0 });
    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    expect(first?.method).toBe('POST');
    expect(first?.url.href).toBe(`${BASE_URL}/v1/sandboxes/sb_1/exec?wait=true`);
    expect(first?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(first?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(first?.body ?? '')).toEqual({ command: ['ls'] });
    expect(first?.headers.get('idempotency-key')).toBeTruthy();
    expect(second?.headers.get('idempotency-key')).toBe(first?.headers.get('idempotency-key'));
  });

  it('an Idempotency-Key on POST and PATCH, none on GET, PUT and DELETE', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, {}));
    const runra = client(fetch);
    await runra.get('usage');
    await runra.put('/files/a', { body: 'x' });
    await runra.patch('/sandboxes/sb_1', { body: {} });
    await runra.delete('/files/a');
    await runra.request('post', '/x');
    expect(seen.map((r) => [r.method, r.headers.has('idempotency-key')])).toEqual([
      ['GET', false],
      ['PUT', false],
      ['PATCH', true],
      ['DELETE', false],
      ['POST', true],
    ]);
  });

  it('the answer: JSON when it says so, text otherwise, undefined when empty', async () => {
    const answers = [
      () => json(200, { a: 1 }),
      () => new Response('plain', { headers: { 'content-type': 'text/plain' } }),
      () => new Response(null, { status: 204 }),
    ];
    const { fetch } = fakeFetch((_request, index) => answers[index]!());
    const runra = client(fetch);
    expect(await runra.get('a')).toEqual({ a: 1 });
    expect(await runra.get('b')).toBe('plain');
    const { data, response } = await runra.delete('c').withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
  });

  it('errors are the typed errors of every call; JSON that does not parse is an APIResponseValidationError', async () => {
    const notFound = fakeFetch(() => apiError(404, 'NOT_FOUND'));
    expect((await settle(client(notFound.fetch).get('nope'))).error).toBeInstanceOf(NotFoundError);
    const broken = fakeFetch(() => new Response('{', { headers: { 'content-type': 'application/json' } }));
    expect((await settle(client(broken.fetch).get('x'))).error).toBeInstanceOf(APIResponseValidationError);
  });

  it('a body on GET is refused before sending (fetch would throw, and it would be retried)', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, {}));
    const { error } = await settle(client(fetch).get('x', { body: { a: 1 } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(seen).toHaveLength(0);
  });
});
