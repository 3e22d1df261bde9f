import { afterEach, describe, expect, it } from 'vitest';
import { createMockApi, type MockServer, startMockServer } from '../../mock-server/index.js';
import { startVerifyingProxy, type VerifyingProxy } from '../../mock-server/proxy/node/server.js';
import { MIRROR_LIMITS } from '../../mock-server/proxy/shadow/mirror.js';
import { BACKLOG_LIMITS, BEHIND, Verifier } from '../../mock-server/proxy/verifier.js';
import { caller, KEY_A } from './caller.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A mock upstream on a manual clock and a proxy in front of it. */
async function setup(options: Parameters<typeof startMockServer>[0] = {}, reset = true) {
  const upstream: MockServer = await startMockServer({ port: 0, clock: 'manual', ...options });
  const proxy: VerifyingProxy = await startVerifyingProxy({ upstream: upstream.url });
  closers.push(
    () => upstream.close(),
    () => proxy.close(),
  );
  if (reset) await (await fetch(`${proxy.url}/_mock/reset`, { method: 'POST' })).arrayBuffer();
  const verdict = async () => {
    await proxy.settled();
    return proxy.report();
  };
  return { upstream, proxy, a: caller(proxy.url), verdict };
}

describe('allowances: where a faithful upstream differs from the first guess, no finding', () => {
  it('boot time: a create answered creating, running later with its own startedAt', async () => {
    const { upstream, a, verdict } = await setup({ bootMs: 5000 });
    const created = await a.create();
    expect(created.body.state).toBe('creating');
    expect((await a.get(created.body.id)).body.state).toBe('creating');
    upstream.api.clock.advance(7000);
    expect((await a.get(created.body.id)).body.state).toBe('running');
    expect((await a.pause(created.body.id)).status).toBe(200);
    const report = await verdict();
    expect(report.findings.total).toBe(0);
    expect(report.behaviour.allowances['boot-time']).toBeGreaterThan(0);
  });

  it('unseen execution activity: a sandbox kept running past its idle timeout, and one woken up', async () => {
    const { upstream, a, verdict } = await setup();
    const busy = (await a.create({ image: 'node:22', idleTimeoutMs: 60_000 })).body.id;
    const asleep = (await a.create({ image: 'node:22', idleTimeoutMs: 60_000 })).body.id;
    const activity = (id: string) =>
      fetch(`${upstream.url}/_mock/sandboxes/${id}/activity`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY_A}` },
      });
    for (let i = 0; i < 3; i++) {
      upstream.api.clock.advance(50_000);
      await activity(busy); // straight to the upstream: the proxy never sees it
    }
    expect((await a.get(busy)).body.state).toBe('running');
    expect((await a.get(asleep)).body.state).toBe('paused');
    await activity(asleep); // auto-resume, unseen
    expect((await a.get(asleep)).body.state).toBe('running');
    const report = await verdict();
    expect(report.findings.total).toBe(0);
    expect(report.behaviour.allowances['unseen-activity']).toBeGreaterThan(0);
  });

  it('sandboxes made before the proxy started are not predicted, then learnt from a get', async () => {
    const { upstream, proxy, a, verdict } = await setup({}, false);
    const before = upstream.api.machine.create(KEY_A, { image: 'node:22' });
    if (!before.ok) throw new Error('seeding failed');
    const id = before.value.id;
    await a.list();
    await a.get(id); // unknown: not predicted, learnt
    await a.pause(id); // known now: predicted
    await a.send('GET', '/v1/sandboxes/sb_aaaaaaaaaaaaaaaaa'); // may exist for all the proxy knows
    const report = await verdict();
    expect(report.findings.total).toBe(0);
    expect(report.behaviour.notPredicted['unknown-sandbox']).toBe(2);
    // An unfiltered list showing exactly the known sandboxes makes the tenant complete.
    await a.list();
    await a.send('GET', '/v1/sandboxes/sb_bbbbbbbbbbbbbbbbb');
    await proxy.settled();
    expect(proxy.report().behaviour.notPredicted['unknown-sandbox']).toBe(2);
    expect(proxy.report().findings.total).toBe(0);
  });

  it('concurrent calls on one sandbox are not judged against each other', async () => {
    const { a, verdict } = await setup();
    const { id } = (await a.create()).body;
    await Promise.all([a.pause(id), a.get(id), a.pause(id), a.get(id), a.terminate(id)]);
    await a.get(id);
    const report = await verdict();
    expect(report.findings.total).toBe(0);
    expect(report.checkerErrors).toBe(0);
  });

  it('the mirror is bounded: beyond its limit the oldest sandboxes are forgotten, the tenant no longer complete', async () => {
    const { proxy, a, verdict } = await setup();
    const mirror = proxy.verifier.mirror;
    await a.create();
    await proxy.settled();
    const [tenantId] = mirror.tenantIds();
    const tenant = mirror.tenant(tenantId!);
    expect(tenant.complete).toBe(true);
    const template = [...tenant.sandboxes.values()][0]!;
    // Fill it up directly (a real run would take minutes of traffic).
    for (let i = 0; i < MIRROR_LIMITS.sandboxes; i++) {
      const id = `sb_${i.toString(36).padStart(17, '0')}`;
      mirror.set(tenant, { ...template, sandbox: { ...template.sandbox, id } });
    }
    expect(mirror.size).toBe(MIRROR_LIMITS.sandboxes);
    expect(tenant.complete).toBe(false);
    await a.list();
    expect((await verdict()).findings.total).toBe(0);
  });
});

describe('a client that never stops', () => {
  it('checks that fall behind the traffic are skipped, counted and journaled; the bodies are let go', async () => {
    const verifier = new Verifier({ upstream: 'http://upstream.test' });
    const body = new TextEncoder().encode(
      '{"data":[],"pagination":{"total":0,"limit":20,"offset":0,"hasMore":false}}',
    );
    const headers = new Headers({ authorization: `Bearer ${KEY_A}` });
    const total = BACKLOG_LIMITS.exchanges + 50;
    // All handed over at once: none is checked before the backlog is full.
    for (let i = 0; i < total; i++) {
      const ticket = verifier.begin('GET', '/v1/sandboxes', headers);
      verifier.finish(ticket, {
        method: 'GET',
        target: '/v1/sandboxes',
        requestHeaders: new Headers(headers),
        requestBody: new Uint8Array(),
        requestBytes: 0,
        time: new Date().toISOString(),
        durationMs: 0,
        outcome: {
          kind: 'answered',
          status: 200,
          headers: new Headers({ 'content-type': 'application/json', 'x-request-id': 'req_aaaaaaaa' }),
          body,
        },
      });
    }
    await verifier.settled();
    const report = verifier.report();
    expect(report.exchanges).toBe(total);
    expect(report.checked).toBe(BACKLOG_LIMITS.exchanges);
    expect(report.unchecked).toEqual({ [BEHIND]: 50 });
    expect(report.findings.total).toBe(0);
  });
});

describe('the floor: the upstream instant a request is judged from', () => {
  it('is every answer that ended before the request was sent, even one not checked yet', async () => {
    const api = createMockApi({ clock: 'manual' });
    const verifier = new Verifier({ upstream: 'http://upstream.test' });
    await verifier.reset();
    /** Sends a request to the mock; `finish` hands the exchange to the verifier. */
    const send = async (key: string, method: string, target: string, body?: unknown) => {
      const headers = new Headers({ authorization: `Bearer ${key}` });
      if (body !== undefined) headers.set('content-type', 'application/json');
      const text = body === undefined ? '' : JSON.stringify(body);
      const ticket = verifier.begin(method, target, headers);
      const response = await api.fetch(
        new Request(`http://upstream.test${target}`, { method, headers, ...(text ? { body: text } : {}) }),
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        body: JSON.parse(new TextDecoder().decode(bytes)) as { id: string },
        finish: (rewrite?: (answer: Record<string, unknown>) => Record<string, unknown>) =>
          verifier.finish(ticket, {
            method,
            target,
            requestHeaders: headers,
            requestBody: new TextEncoder().encode(text),
            requestBytes: text.length,
            time: new Date().toISOString(),
            durationMs: 0,
            outcome: {
              kind: 'answered',
              status: response.status,
              headers: response.headers,
              body: rewrite
                ? new TextEncoder().encode(
                    JSON.stringify(rewrite(JSON.parse(new TextDecoder().decode(bytes)))),
                  )
                : bytes,
            },
          }),
      };
    };
    const short = await send(KEY_A, 'POST', '/v1/sandboxes', {
      image: 'node:22',
      timeoutMs: 60_000,
      idleTimeoutMs: 0,
    });
    short.finish();
    await verifier.settled();
    api.clock.advance(120_000);
    // Another key's create shows the upstream's clock past the short sandbox's lifetime…
    const later = await send('sk_test_floor_other_0002', 'POST', '/v1/sandboxes', { image: 'node:22' });
    later.finish();
    // …and the get is sent before that create is checked. The upstream wrongly keeps it running.
    const get = await send(KEY_A, 'GET', `/v1/sandboxes/${short.body.id}`);
    get.finish((answer) => {
      const { terminatedAt: _gone, ...rest } = answer;
      return { ...rest, state: 'running' };
    });
    await verifier.settled();
    const findings = verifier.journal.entries().flatMap((entry) => entry.findings ?? []);
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: 'behaviour', path: 'body.state', expected: 'terminated' }),
    );
  });
});
