import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockApi } from '../../../mock-server/api.js';
import { CLIENT_BUFFER_BYTES } from '../../../mock-server/inspector/event-client.js';
import {
  FLUSH_MS,
  HEARTBEAT_MS,
  InspectorHub,
  RECONCILE_MS,
  REQUESTS_PER_MESSAGE,
} from '../../../mock-server/inspector/hub.js';
import { createInspector, type Inspector } from '../../../mock-server/inspector/index.js';
import type { InspectorDelta } from '../../../mock-server/inspector/wire.js';
import type { Machine } from '../../../mock-server/machine/machine.js';
import type { SandboxRecord } from '../../../mock-server/machine/types.js';
import { openFeed } from './feed-helpers.js';

const KEY = 'sk_test_inspector_feed_9f3a';
const BASE = 'http://127.0.0.1:4010';

let inspectors: Inspector[] = [];
beforeEach(() => {
  // Only the feed's own timers are faked: the mock runs on its manual clock.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  for (const inspector of inspectors) inspector.close();
  inspectors = [];
  vi.useRealTimers();
});

function setup() {
  const api = createMockApi({ clock: 'manual', seed: 3 });
  const inspector = createInspector(api);
  inspectors.push(inspector);
  const send = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await api.fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
  const create = async (body: object = {}) =>
    (await send('POST', '/v1/sandboxes', { image: 'node:22', ...body })).id as string;
  return { api, inspector, send, create };
}

const deltas = (events: Awaited<ReturnType<ReturnType<typeof openFeed>['take']>>): InspectorDelta[] =>
  events.flatMap((e) => (e.event === 'delta' ? [e.data] : []));

describe('inspector feed (server-sent events)', () => {
  it('a page gets a snapshot at once: sandboxes with masked keys, the clock, faults and the journal', async () => {
    const { api, inspector, create } = setup();
    const id = await create({ metadata: { team: 'ml' } });
    api.faults.add({ path: '/v1/sandboxes', error: { code: 'RATE_LIMITED' }, times: 3 });
    const feed = openFeed(inspector);
    const [retry, snapshot] = await feed.take();
    expect(retry).toMatchObject({ event: 'retry', data: '1000' });
    expect(snapshot?.event).toBe('snapshot');
    if (snapshot?.event !== 'snapshot') return;
    expect(snapshot.data.clock).toEqual({ kind: 'manual', nowMs: api.clock.now() });
    expect(snapshot.data.sandboxes).toEqual([
      expect.objectContaining({ id, key: 'sk_…9f3a', state: 'running', metadata: { team: 'ml' } }),
    ]);
    expect(snapshot.data.faults).toEqual([expect.objectContaining({ id: 'fault_1', remaining: 3 })]);
    expect(snapshot.data.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v1/sandboxes', status: 201, key: 'sk_…9f3a' }),
    ]);
    expect(feed.text()).not.toContain(KEY);
  });

  it('a create through the API reaches the page at the next flush (within 250 ms), as a delta', async () => {
    const { inspector, create } = setup();
    const feed = openFeed(inspector);
    await feed.take();
    const id = await create();
    expect(await feed.take()).toEqual([]); // coalesced until the flush
    vi.advanceTimersByTime(FLUSH_MS);
    const [delta] = deltas(await feed.take());
    expect(delta?.sandboxes).toEqual([expect.objectContaining({ id, state: 'running' })]);
    expect(delta?.requests).toEqual([expect.objectContaining({ status: 201, method: 'POST' })]);
    expect(delta?.usage).toEqual({ usedCpu: 2, capacityCpu: null });
  });

  it('moving the manual clock: the page hears the new time and the timers that fired (auto-pause, then expiry)', async () => {
    const { inspector, send, create } = setup();
    const id = await create({ idleTimeoutMs: 60_000, timeoutMs: 180_000 });
    const feed = openFeed(inspector);
    await feed.take();
    const advanced = await send('POST', '/_mock/clock/advance', { ms: 60_000 });
    vi.advanceTimersByTime(FLUSH_MS);
    const [paused] = deltas(await feed.take());
    expect(paused?.clock).toEqual({ kind: 'manual', nowMs: advanced.nowMs });
    const row = paused?.sandboxes?.[0];
    expect(row).toMatchObject({ id, state: 'paused', pausedAt: advanced.nowMs - 0 });
    expect(row?.events.map((e) => e.kind)).toEqual(['created', 'started', 'auto-paused']);
    await send('POST', '/_mock/clock/advance', { ms: 120_000 });
    vi.advanceTimersByTime(FLUSH_MS);
    const [expired] = deltas(await feed.take());
    expect(expired?.sandboxes?.[0]?.events.at(-1)?.kind).toBe('expired');
    expect(expired?.sandboxes?.[0]?.state).toBe('terminated');
  });

  it(`a burst of 1,000 requests is one message carrying the latest ${REQUESTS_PER_MESSAGE}, marked as a new list`, async () => {
    const { inspector, send, create } = setup();
    const id = await create();
    const feed = openFeed(inspector);
    await feed.take();
    for (let i = 0; i < 1000; i++) await send('GET', `/v1/sandboxes/${id}`);
    vi.advanceTimersByTime(FLUSH_MS);
    const events = await feed.take();
    expect(events).toHaveLength(1);
    const [delta] = deltas(events);
    expect(delta?.requestsReset).toBe(true);
    expect(delta?.requests).toHaveLength(REQUESTS_PER_MESSAGE);
    // A few more are a plain delta again.
    for (let i = 0; i < 3; i++) await send('GET', `/v1/sandboxes/${id}`);
    vi.advanceTimersByTime(FLUSH_MS);
    const [next] = deltas(await feed.take());
    expect(next?.requestsReset).toBeUndefined();
    expect(next?.requests).toHaveLength(3);
  });

  it('a page that reads nothing is not buffered for without end: it falls behind, then gets a snapshot', async () => {
    const { api, inspector } = setup();
    const feed = openFeed(inspector);
    await feed.take();
    // 20 flushes of 300 new sandboxes each: about 3 MB of deltas if nothing were held back.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 300; i++)
        api.machine.create(KEY, { image: 'node:22', metadata: { round: String(round) } });
      vi.advanceTimersByTime(FLUSH_MS);
    }
    const backlog = await feed.take();
    const queued = backlog.reduce((sum, e) => sum + e.bytes, 0);
    const largest = Math.max(...backlog.map((e) => e.bytes));
    // The queue's bound, plus the message a pending read holds and the one that crossed the bound.
    expect(queued).toBeLessThanOrEqual(CLIENT_BUFFER_BYTES + 2 * largest);
    expect(deltas(backlog).length).toBeLessThan(20);
    // It has read everything: the next flush brings the whole picture.
    api.machine.create(KEY, { image: 'node:22' });
    vi.advanceTimersByTime(FLUSH_MS);
    const [caughtUp] = await feed.take();
    expect(caughtUp?.event).toBe('snapshot');
    if (caughtUp?.event === 'snapshot') expect(caughtUp.data.sandboxes).toHaveLength(20 * 300 + 1);
  });

  it('a page that goes away is let go: no client, no timer left running', async () => {
    const { inspector } = setup();
    const feed = openFeed(inspector);
    await feed.take();
    expect(inspector.clients).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    await feed.close();
    expect(inspector.clients).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a quiet feed gets a heartbeat comment every 15 s, and nothing else', async () => {
    const { inspector } = setup();
    const feed = openFeed(inspector);
    await feed.take();
    vi.advanceTimersByTime(HEARTBEAT_MS - FLUSH_MS);
    expect(await feed.take()).toEqual([]);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(await feed.take()).toEqual([expect.objectContaining({ event: 'comment', data: 'heartbeat' })]);
  });

  it('a reset sends every page a fresh snapshot; a second page gets its own and the first goes on', async () => {
    const { inspector, send, create } = setup();
    const first = openFeed(inspector);
    await first.take();
    await create();
    const second = openFeed(inspector); // the first hears the create before the second's snapshot
    const [created] = deltas(await first.take());
    expect(created?.sandboxes).toHaveLength(1);
    const [, snapshot] = await second.take();
    expect(snapshot?.event === 'snapshot' && snapshot.data.sandboxes).toHaveLength(1);
    await send('POST', '/_mock/reset');
    vi.advanceTimersByTime(FLUSH_MS);
    for (const feed of [first, second]) {
      const [after] = await feed.take();
      expect(after?.event).toBe('snapshot');
      if (after?.event === 'snapshot') expect(after.data.sandboxes).toEqual([]);
    }
  });

  it('faults: adding one and using it up shows in the feed with its remaining count', async () => {
    const { api, inspector, send } = setup();
    const feed = openFeed(inspector);
    await feed.take();
    api.faults.add({
      method: 'POST',
      path: '/v1/sandboxes',
      times: 2,
      error: { code: 'RESOURCE_EXHAUSTED' },
    });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(deltas(await feed.take())[0]?.faults).toEqual([expect.objectContaining({ remaining: 2 })]);
    await send('POST', '/v1/sandboxes', { image: 'node:22' });
    vi.advanceTimersByTime(FLUSH_MS);
    const [used] = deltas(await feed.take());
    expect(used?.faults).toEqual([expect.objectContaining({ remaining: 1 })]);
    expect(used?.requests).toEqual([
      expect.objectContaining({ status: 503, code: 'RESOURCE_EXHAUSTED', fault: 'fault_1' }),
    ]);
  });

  it('loading a snapshot sends every page a fresh snapshot, without the sandboxes it replaced', async () => {
    const { api, inspector, create } = setup();
    const id = await create();
    const feed = openFeed(inspector);
    await feed.take();
    api.importState({ version: 1, sandboxes: [] });
    vi.advanceTimersByTime(FLUSH_MS);
    const [after] = await feed.take();
    expect(after?.event).toBe('snapshot');
    expect(after?.event === 'snapshot' && after.data.sandboxes.map((row) => row.id)).not.toContain(id);
  });

  it('a sandbox the machine forgets without a reset (a bounded store) is reported removed', async () => {
    const api = createMockApi({ clock: 'manual', seed: 3 });
    const records = new Map<string, Readonly<SandboxRecord>>();
    for (let i = 0; i < 3; i++) {
      api.machine.create(KEY, { image: 'node:22' });
    }
    for (const record of api.machine.records()) records.set(record.id, record);
    // A machine that forgets on its own: the hub must notice within RECONCILE_MS.
    const machine = {
      observe: () => () => undefined,
      records: () => records.values(),
      usage: () => ({ usedCpu: 0, capacityCpu: Number.POSITIVE_INFINITY }),
    } as unknown as Machine;
    const hub = new InspectorHub({ ...api, machine });
    const stream = hub.connect();
    const [gone] = records.keys();
    records.delete(gone as string);
    vi.advanceTimersByTime(RECONCILE_MS);
    const reader = stream.getReader();
    let text = '';
    while (!text.includes('"removed"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(/event: delta\ndata: (.*)/.exec(text)?.[1] ?? '{}')).toEqual({ removed: [gone] });
    hub.close();
  });

  it('a HEAD of the feed answers its headers and opens no stream', () => {
    const { inspector } = setup();
    const feed = openFeed(inspector, 'HEAD');
    expect(feed.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(feed.response.body).toBeNull();
    expect(inspector.clients).toBe(0);
  });
});
