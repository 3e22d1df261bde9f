import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import { MockConnectionDroppedError } from '../../../mock-server/http/faults.js';
import { InvalidSnapshotError } from '../../../mock-server/machine/snapshot.js';
import { BASE, KEY, setup } from './helpers.js';

describe('control plane', () => {
  it('POST /_mock/clock/advance moves a manual clock; timers follow', async () => {
    const { call } = setup();
    const { json: sandbox } = await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    const advanced = await call('POST', '/_mock/clock/advance', { body: { ms: 120_000 }, key: null });
    expect(advanced.status).toBe(200);
    expect(advanced.json).toMatchObject({ kind: 'manual', now: '2026-06-15T10:32:00.000Z' });
    expect((await call('GET', `/v1/sandboxes/${sandbox.id}`)).json).toMatchObject({
      state: 'paused',
      pausedAt: '2026-06-15T10:32:00.000Z',
    });
    expect((await call('POST', '/_mock/clock/advance', { body: { ms: -1 } })).status).toBe(400);
  });

  it('advancing a system clock answers 409 INVALID_STATE over HTTP and throws in JS', async () => {
    const { api, call } = setup({ clock: 'system' });
    const answer = await call('POST', '/_mock/clock/advance', { body: { ms: 1 } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toContain('manual');
    expect(answer.headers.get('x-request-id')).toMatch(/^req_/);
    expect(() => api.clock.advance(1)).toThrow(TypeError);
  });

  it('POST /_mock/reset forgets sandboxes, the journal and faults, and restarts the clock and ids', async () => {
    const { api, call } = setup();
    const first = (await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).json.id;
    api.clock.advance(5000);
    api.faults.add({ path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' }, times: 5 });
    expect((await call('POST', '/_mock/reset')).status).toBe(204);
    expect(api.journal.entries()).toEqual([]);
    expect(api.faults.list()).toEqual([]);
    expect(api.clock.now()).toBe(Date.parse('2026-06-15T10:30:00.000Z'));
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(0);
    expect((await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).json.id).toBe(first);
  });

  it('POST /_mock/reset without a seed: no sandbox id nor request id is ever handed out twice', async () => {
    const api = createMockApi({ clock: 'manual' });
    const sandboxIds = new Set<string>();
    const requestIds = new Set<string>();
    let answers = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 4; i++) {
        const response = await api.fetch(
          new Request(`${BASE}/v1/sandboxes`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            body: '{"image":"node:22"}',
          }),
        );
        sandboxIds.add(((await response.json()) as { id: string }).id);
        requestIds.add(response.headers.get('x-request-id') ?? '');
        answers++;
      }
      const reset = await api.fetch(new Request(`${BASE}/_mock/reset`, { method: 'POST' }));
      requestIds.add(reset.headers.get('x-request-id') ?? '');
      answers++;
    }
    expect(sandboxIds.size).toBe(20);
    expect(requestIds.size).toBe(answers);
  });

  it('faults: the next N matching requests answer the given error, then normal service resumes', async () => {
    const { api, call } = setup();
    const fault = api.faults.add({
      method: 'POST',
      path: '/v1/sandboxes',
      times: 2,
      error: { code: 'RESOURCE_EXHAUSTED', retryAfterMs: 4000 },
    });
    expect((await call('GET', '/v1/sandboxes')).status).toBe(200);
    const failed = await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('4');
    expect(fault.remaining).toBe(1);
    expect((await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).status).toBe(503);
    expect((await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } })).status).toBe(201);
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(1);
  });

  it('faults: route templates match one segment per :param', async () => {
    const { call } = setup();
    const added = await call('POST', '/_mock/faults', {
      body: { path: '/v1/sandboxes/:id', error: { code: 'INTERNAL_ERROR' } },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ id: 'fault_1', remaining: 1 });
    expect((await call('POST', '/v1/sandboxes/sb_a/pause')).status).toBe(404);
    expect((await call('GET', '/v1/sandboxes/sb_a')).status).toBe(500);
    expect((await call('GET', '/_mock/faults')).json.data).toEqual([]);
    expect((await call('POST', '/_mock/faults', { body: { path: '/v1/x' } })).status).toBe(400);
  });

  it('faults: a seeded fraction fires the same requests for the same seed', async () => {
    const statuses = async () => {
      const { api, call } = setup({ seed: 5 });
      api.faults.add({
        method: 'GET',
        path: '/v1/sandboxes',
        fraction: 0.5,
        error: { code: 'INTERNAL_ERROR' },
      });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call('GET', '/v1/sandboxes')).status);
      return out;
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('faults: latency waits real time before answering', async () => {
    const { api, call } = setup();
    api.faults.add({ path: '/v1/sandboxes', latencyMs: 60 });
    const started = performance.now();
    expect((await call('GET', '/v1/sandboxes')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('faults: drop before acting rejects like fetch and creates nothing; drop after acting creates', async () => {
    const { api, call } = setup();
    const create = () =>
      api.fetch(
        new Request(`${BASE}/v1/sandboxes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}` },
          body: '{"image":"node:22"}',
        }),
      );
    api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'before' });
    const before = await create().catch((error: unknown) => error);
    expect(before).toBeInstanceOf(MockConnectionDroppedError);
    expect(before).toBeInstanceOf(TypeError);
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(0);
    api.faults.add({ method: 'POST', path: '/v1/sandboxes', drop: 'after' });
    await expect(create()).rejects.toThrow(MockConnectionDroppedError);
    expect((await call('GET', '/v1/sandboxes')).json.pagination.total).toBe(1);
    const dropped = api.journal.entries().filter((entry) => entry.dropped);
    expect(dropped.map((entry) => [entry.dropped, entry.status])).toEqual([
      ['before', null],
      ['after', 201],
    ]);
  });

  it('GET /_mock/requests: method, path, status, time and the API key redacted', async () => {
    const { call } = setup();
    await call('GET', '/v1/sandboxes?limit=5', { key: 'sk_live_abcdefgh1234' });
    await call('GET', '/v1/nothing', { key: null });
    const journal = await call('GET', '/_mock/requests');
    expect(journal.json.data).toMatchObject([
      {
        method: 'GET',
        path: '/v1/sandboxes?limit=5',
        status: 200,
        apiKey: 'sk_…1234',
        time: '2026-06-15T10:30:00.000Z',
      },
      { method: 'GET', path: '/v1/nothing', status: 404, apiKey: null },
    ]);
    expect(JSON.stringify(journal.json)).not.toContain('abcdefgh');
  });

  it('GET/PUT /_mock/state round-trips a snapshot into a fresh mock, timers included', async () => {
    const { call } = setup();
    const { json: sandbox } = await call('POST', '/v1/sandboxes', {
      body: { image: 'node:22', metadata: { a: 'b' } },
    });
    await call('POST', '/_mock/clock/advance', { body: { ms: 1000 } });
    const snapshot = (await call('GET', '/_mock/state')).json;
    const other = setup({ startTime: 0 });
    expect(
      (await other.call('PUT', '/_mock/state', { body: JSON.parse(JSON.stringify(snapshot)) })).status,
    ).toBe(204);
    expect(other.api.clock.now()).toBe(Date.parse(snapshot.now));
    expect((await other.call('GET', `/v1/sandboxes/${sandbox.id}`)).json).toEqual(
      (await call('GET', `/v1/sandboxes/${sandbox.id}`)).json,
    );
    other.api.clock.advance(119_000);
    expect((await other.call('GET', `/v1/sandboxes/${sandbox.id}`)).json.state).toBe('paused');
    const bad = await other.call('PUT', '/_mock/state', {
      body: { version: 1, sandboxes: [{ ...snapshot.sandboxes[0], resources: { cpu: 3 } }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues[0].path).toBe('sandboxes.0.resources.cpu');
    expect((await other.call('GET', '/v1/sandboxes')).json.pagination.total).toBe(1);
  });

  it('importState throws InvalidSnapshotError and changes nothing', () => {
    const api = createMockApi({ clock: 'manual' });
    expect(() => api.importState({ version: 2 } as never)).toThrow(InvalidSnapshotError);
  });

  it('POST /_mock/sandboxes/:id/activity acts as the caller: auto-resumes, needs auth, respects tenancy', async () => {
    const { api, call } = setup();
    const { json: sandbox } = await call('POST', '/v1/sandboxes', { body: { image: 'node:22' } });
    api.clock.advance(120_000);
    expect(
      (await call('POST', `/_mock/sandboxes/${sandbox.id}/activity`, { key: 'sk_stranger_key' })).status,
    ).toBe(404);
    expect((await call('POST', `/_mock/sandboxes/${sandbox.id}/activity`, { key: null })).status).toBe(401);
    const resumed = await call('POST', `/_mock/sandboxes/${sandbox.id}/activity`);
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ state: 'running', resumedAt: '2026-06-15T10:32:00.000Z' });
    expect(api.activity(KEY, sandbox.id).ok).toBe(true);
  });

  it('GET /openapi.json serves the generated document', async () => {
    const { call } = setup();
    const doc = await call('GET', '/openapi.json', { key: null });
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\.1/);
  });
});
