/**
 * Hostile bodies and parameters (issue 11), over the mock's Node server: a body nested
 * 100,000 levels deep, fault rules naming `Object.prototype` members, prototype-named and
 * out-of-range query parameters. Each answers a 400 envelope that says what is wrong.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidFaultError, type MockServer, startMockServer } from '../../mock-server/index.js';

const canonical = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../mock-server/http/canonical.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../mock-server/http/canonical.js')>();
  return {
    canonicalJson: (value: unknown) => {
      canonical.calls++;
      return original.canonicalJson(value);
    },
  };
});
const { canonicalJson } = await import('../../mock-server/http/canonical.js');

const KEY = 'sk_test_hostile_0001';
const JSON_HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const DEPTH = 100_000;
const deepObject = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 11, port: 0 });
});
beforeEach(() => server.api.reset());
afterAll(() => server.close());

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...JSON_HEADERS, ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('hostile bodies: 100,000 levels deep', () => {
  it.each([
    ['an object nested 100,000 deep, no Idempotency-Key', deepObject(DEPTH), {}, 'INVALID_CONFIG'],
    [
      'an object nested 100,000 deep, with an Idempotency-Key',
      deepObject(DEPTH),
      { 'idempotency-key': 'deep-1' },
      'INVALID_CONFIG',
    ],
    [
      'image beside a 100,000-deep env value',
      `{"image":"node:22","env":{"A":${deepObject(DEPTH)}}}`,
      { 'idempotency-key': 'deep-2' },
      'INVALID_CONFIG',
    ],
    ['an array nested 100,000 deep', deepArray(DEPTH), { 'idempotency-key': 'deep-3' }, 'INVALID_REQUEST'],
  ])('create with %s: a 400 envelope, not 500', async (_name, body, headers, code) => {
    const answer = await send('POST', '/v1/sandboxes', body, headers);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code, requestId: expect.stringMatching(/^req_/) });
    expect(server.api.exportState().sandboxes).toEqual([]);
  });

  it('pause, resume, faults and snapshots with 100,000-deep bodies: never 5xx', async () => {
    const created = await send('POST', '/v1/sandboxes', '{"image":"node:22"}');
    const id = created.json.id as string;
    const deep = deepObject(DEPTH);
    const pause = await send('POST', `/v1/sandboxes/${id}/pause`, deep, { 'idempotency-key': 'p' });
    expect(pause.status).toBe(200);
    const fault = await send(
      'POST',
      '/_mock/faults',
      `{"error":{"code":"INTERNAL_ERROR","details":${deep}}}`,
    );
    expect(fault.status).toBe(400);
    expect(fault.json.error.message).toMatch(/must be JSON-serialisable/);
    const state = server.api.exportState();
    const snapshot = `{"version":1,"sandboxes":[],"idempotency":[{"apiKey":"${KEY}","key":"k","fingerprint":"f","response":${deep},"storedAt":"${state.now}"}]}`;
    const put = await send('PUT', '/_mock/state', snapshot);
    expect(put.status).toBe(400);
    expect(put.json.error.message).toMatch(/idempotency\.0\.response/);
    expect(server.api.exportState().sandboxes.map((s) => s.id)).toEqual([id]);
  });

  it('the canonical form is computed only for a request with an Idempotency-Key', async () => {
    canonical.calls = 0;
    expect((await send('POST', '/v1/sandboxes', '{"image":"node:22"}')).status).toBe(201);
    expect(canonical.calls).toBe(0);
    expect(
      (await send('POST', '/v1/sandboxes', '{"image":"node:22"}', { 'idempotency-key': 'k1' })).status,
    ).toBe(201);
    expect(canonical.calls).toBe(1);
  });

  it('the canonical form needs no recursion: 100,000 levels give the same text as JSON.stringify of a shallow copy', () => {
    const value = JSON.parse(deepObject(DEPTH, '[{"b":1,"a":[2,"x"]}]'));
    const text = canonicalJson(value);
    expect(text).toBe(deepObject(DEPTH, '[{"a":[2,"x"],"b":1}]'));
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'é' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,{"y":"é","z":null}]},"b":1}',
    );
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":[]}'))).toBe('{"__proto__":{"x":1},"a":[]}');
  });
});

describe('hostile fault rules', () => {
  const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(PROTOTYPE_NAMES)('error code %s without a status: 400 INVALID_REQUEST over HTTP', async (code) => {
    const answer = await send('POST', '/_mock/faults', JSON.stringify({ error: { code } }));
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(answer.json.error.message).toContain(`error.status is required for the unknown code ${code}`);
    expect((await send('GET', '/v1/sandboxes')).status).toBe(200);
  });

  it.each(PROTOTYPE_NAMES)('error code %s without a status: InvalidFaultError in JS', (code) => {
    expect(() => server.api.faults.add({ error: { code } })).toThrow(InvalidFaultError);
    expect(server.api.faults.list()).toEqual([]);
  });

  it('with an explicit status such a code is injected as given', async () => {
    server.api.faults.add({ error: { code: 'toString', status: 418 } });
    const answer = await send('GET', '/v1/sandboxes');
    expect(answer.status).toBe(418);
    expect(answer.json.error.code).toBe('toString');
  });
});

describe('hostile list parameters: refused, with what is wrong', () => {
  it.each([
    ['__proto__=1', '__proto__', /unknown parameter: the list takes/],
    ['constructor=1', 'constructor', /unknown parameter: the list takes/],
    ['toString=x', 'toString', /unknown parameter: the list takes/],
    [
      'colour=red',
      'colour',
      /unknown parameter: the list takes state, image, limit, offset and metadata\.KEY/,
    ],
    [
      'offset=9007199254740993',
      'offset',
      /must be at most 9007199254740991: "9007199254740993" is beyond the safe integer range/,
    ],
    ['offset=9007199254740992', 'offset', /beyond the safe integer range/],
    ['offset=1e3', 'offset', /must be a whole number written in digits, got "1e3"/],
    ['offset=-1', 'offset', /must be at least 0, got "-1"/],
    ['limit=0', 'limit', /must be at least 1, got "0"/],
    ['limit=101', 'limit', /must be at most 100, got "101"/],
    ['limit=', 'limit', /must be a whole number written in digits, got ""/],
    ['state=dead', 'state', /must be one of creating, running, paused, terminated, got "dead"/],
    ['limit=1&limit=2', 'limit', /may be given only once/],
    ['metadata.=x', 'metadata.', /needs a key: metadata\.KEY=value/],
  ])('?%s: 400 INVALID_REQUEST naming %s and the reason', async (query, path, message) => {
    const answer = await send('GET', `/v1/sandboxes?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('INVALID_REQUEST');
    // The message names the parameter once, then the reason; the issue's path names it.
    expect(answer.json.error.message).toContain(`${path}: `);
    expect(answer.json.error.message).toMatch(message);
    expect(answer.json.error.details.issues[0].message).not.toContain(`${path} `);
    expect(answer.json.error.details.issues[0]).toMatchObject({
      path,
      message: expect.stringMatching(message),
    });
  });

  it('the largest safe offset is accepted, and a long value is shown cut', async () => {
    expect((await send('GET', `/v1/sandboxes?offset=${Number.MAX_SAFE_INTEGER}`)).status).toBe(200);
    const answer = await send('GET', `/v1/sandboxes?limit=${'9'.repeat(5000)}`);
    expect(answer.json.error.message.length).toBeLessThan(200);
    expect(answer.json.error.message).toContain('…');
  });
});
