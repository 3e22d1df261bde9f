import { describe, expect, it } from 'vitest';
import { BASE, KEY, setup } from './helpers.js';

const EVIL = 'https://evil.example';

/** Every control route, each read and write, plus paths no route serves yet. */
const CONTROL_REQUESTS: [method: string, path: string, body?: unknown][] = [
  ['GET', '/_mock/state'],
  ['PUT', '/_mock/state', { version: 2, sandboxes: [] }],
  ['GET', '/_mock/requests'],
  ['DELETE', '/_mock/requests'],
  ['GET', '/_mock/faults'],
  ['POST', '/_mock/faults', { path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' } }],
  ['DELETE', '/_mock/faults'],
  ['DELETE', '/_mock/faults/fault_1'],
  ['GET', '/_mock/clock'],
  ['POST', '/_mock/clock/advance', { ms: 1000 }],
  ['POST', '/_mock/reset'],
  ['POST', '/_mock/sandboxes/sb_abcdefghijklmnopq/activity'],
  ['GET', '/_mock/ui'],
  ['GET', '/_mock/events'],
  ['GET', '/_mock'],
  ['OPTIONS', '/_mock/state'],
];

/** A mock with one sandbox, one fault and one journal entry, and a way to see that none of it changed. */
async function populated() {
  const mock = setup();
  const created = await mock.call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
  mock.api.faults.add({ path: '/v1/never', error: { code: 'INTERNAL_ERROR' } });
  const before = JSON.stringify([mock.api.exportState(), mock.api.faults.list(), mock.api.journal.entries()]);
  const unchanged = () =>
    JSON.stringify([mock.api.exportState(), mock.api.faults.list(), mock.api.journal.entries()]) === before;
  return { ...mock, id: created.json.id as string, unchanged };
}

describe('control plane guard: no page on another origin reads or changes /_mock/*', () => {
  it.each(CONTROL_REQUESTS)(
    '%s %s from another origin: 403 FORBIDDEN, no CORS grant, nothing changed',
    async (method, path, body) => {
      const { call, unchanged } = await populated();
      const answer = await call(method, path, {
        headers: { origin: EVIL },
        ...(body === undefined ? {} : { body }),
      });
      expect(answer.status).toBe(403);
      expect(answer.json.error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'cross-origin', origin: EVIL },
      });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('x-request-id')).toBe(answer.json.error.requestId);
      expect(unchanged()).toBe(true);
    },
  );

  it('"simple" requests a page sends without preflight are refused too: text/plain and form bodies, no-cors GETs', async () => {
    const { api, call, unchanged } = await populated();
    // What <form method=post> or fetch(..., { mode: 'no-cors' }) sends from another site.
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      for (const path of ['/_mock/reset', '/_mock/faults', '/_mock/clock/advance']) {
        const answer = await call('POST', path, {
          raw: '{"ms":1}',
          headers: { origin: EVIL, 'content-type': type, 'sec-fetch-site': 'cross-site' },
        });
        expect(answer.status, `${type} ${path}`).toBe(403);
      }
    }
    // <img src> / <script src>: no Origin, but Sec-Fetch-Site says another site asked.
    for (const site of ['cross-site', 'same-site']) {
      const answer = await call('GET', '/_mock/state', { headers: { 'sec-fetch-site': site } });
      expect(answer.status, site).toBe(403);
      expect(answer.json.error.details).toEqual({ reason: 'cross-origin', secFetchSite: site });
    }
    // A sandboxed iframe or a file:// page sends Origin: null.
    expect((await call('POST', '/_mock/reset', { headers: { origin: 'null' } })).status).toBe(403);
    expect(unchanged()).toBe(true);
    expect(api.faults.list()).toHaveLength(1);
  });

  it('every spelling of /_mock/ that reaches a control route is guarded (percent-escapes, trailing slash)', async () => {
    const { call } = await populated();
    for (const path of [
      '/%5Fmock/state',
      '/%5fmock/state',
      '/_%6Dock/state',
      '/_mock/state/',
      '/_mock/%73tate',
    ]) {
      const answer = await call('GET', path, { headers: { origin: EVIL } });
      expect(answer.status, path).not.toBe(200);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('the mock itself and clients that are no web page keep working: own Origin, Sec-Fetch-Site same-origin/none, no header at all', async () => {
    const { api, call, id } = await populated();
    const own = [
      {}, // curl, the SDK in Node, api.fetch in-process: no Origin, no Sec-Fetch-Site
      { origin: BASE },
      { origin: 'http://127.0.0.1:4010', host: '127.0.0.1:4010' },
      { origin: 'http://localhost:4010', host: 'LOCALHOST:4010' },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' }, // typed in the address bar, a bookmark
    ];
    for (const headers of own) {
      expect((await call('GET', '/_mock/state', { headers })).status, JSON.stringify(headers)).toBe(200);
      expect(
        (await call('POST', '/_mock/clock/advance', { headers, body: { ms: 1 } })).status,
        JSON.stringify(headers),
      ).toBe(200);
      expect((await call('POST', `/_mock/sandboxes/${id}/activity`, { headers })).status).toBe(200);
    }
    expect(api.clock.now()).toBe(Date.parse('2026-06-15T10:30:00.000Z') + own.length);
    // A page on the same host but another port is another origin.
    const otherPort = await call('GET', '/_mock/state', {
      headers: { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:4010' },
    });
    expect(otherPort.status).toBe(403);
  });

  it('control answers carry no CORS grant even to the mock itself, and may not be embedded elsewhere', async () => {
    const { call } = await populated();
    const state = await call('GET', '/_mock/state');
    expect(state.headers.get('access-control-allow-origin')).toBeNull();
    expect(state.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(state.headers.get('x-content-type-options')).toBe('nosniff');
    const preflight = await call('OPTIONS', '/_mock/state', {
      headers: { 'sec-fetch-site': 'same-origin', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('allow')).toBe('GET, HEAD, PUT, OPTIONS');
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a control request with a body must say Content-Type: application/json; a bodiless one needs none', async () => {
    const { api, call } = await populated();
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      const answer = await call('POST', '/_mock/faults', {
        raw: JSON.stringify({ path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' } }),
        ...(type === undefined ? {} : { headers: { 'content-type': type } }),
      });
      expect(answer.status, String(type)).toBe(400);
      expect(answer.json.error).toMatchObject({
        code: 'INVALID_REQUEST',
        details: { field: 'content-type' },
      });
    }
    expect(api.faults.list()).toHaveLength(1);
    const json = await call('POST', '/_mock/faults', {
      raw: JSON.stringify({ path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' } }),
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(json.status).toBe(201);
    expect((await call('DELETE', '/_mock/faults')).status).toBe(204);
    expect((await call('POST', '/_mock/reset')).status).toBe(204);
  });

  it('the API routes keep their CORS: any origin may call /v1 with a key', async () => {
    const { call } = await populated();
    const listed = await call('GET', '/v1/sandboxes', {
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('*');
    const created = await call('POST', '/v1/sandboxes', {
      key: KEY,
      body: { image: 'node:22' },
      headers: { origin: EVIL },
    });
    expect(created.status).toBe(201);
  });
});
