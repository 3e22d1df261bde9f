/**
 * Faults injected by the mock, seen from the SDK: dropped connections, 503 and 429 with
 * Retry-After, latency, timeouts and aborts. Nothing may be lost or duplicated.
 */
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockApi, type MockServer, startMockServer } from '../../mock-server/index.js';
import { APIConnectionTimeoutError, APIUserAbortError, Runra } from '../../src/index.js';

let server: MockServer;
let runra: Runra;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 21, port: 0 });
  runra = new Runra({ apiKey: 'sk_test_faults_0001', baseURL: server.url, maxRetries: 4 });
});
beforeEach(() => server.api.reset());
afterAll(() => server.close());

const firedFaults = () => server.api.journal.entries().filter((entry) => entry.fault !== undefined).length;
const elapsedOf = async (call: () => Promise<unknown>) => {
  const started = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
};

describe('faults: N creates make exactly N sandboxes', () => {
  it('drops after the server acted, 503 and 429 with Retry-After, and latency: 20 creates, 20 sandboxes', async () => {
    const path = '/v1/sandboxes';
    const times = 3;
    server.api.faults.add({ method: 'POST', path, times, drop: 'after' });
    server.api.faults.add({ method: 'POST', path, times, drop: 'before' });
    server.api.faults.add({
      method: 'POST',
      path,
      times,
      error: { code: 'RESOURCE_EXHAUSTED', retryAfterMs: 1 },
    });
    server.api.faults.add({ method: 'POST', path, times, error: { code: 'RATE_LIMITED', retryAfterMs: 1 } });
    server.api.faults.add({ method: 'POST', path, times, latencyMs: 50 });
    const n = 20;
    const made = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        runra.sandboxes.create({ image: 'node:22', metadata: { n: String(i) } }),
      ),
    );
    expect(firedFaults()).toBe(5 * times);
    expect(new Set(made.map((s) => s.id)).size).toBe(n);
    expect((await runra.sandboxes.list({ limit: 1 })).pagination.total).toBe(n);
    expect(made.map((s) => s.metadata.n).sort()).toEqual(
      Array.from({ length: n }, (_, i) => String(i)).sort(),
    );
    const retryAfter = server.api.journal.entries().filter((e) => e.status === 429 || e.status === 503);
    expect(retryAfter).toHaveLength(2 * times);
  });
});

describe('faults: retried pause and resume never double-apply', () => {
  it('a pause dropped after it landed answers 200 with the first pausedAt, not 409', async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    server.api.faults.add({ method: 'POST', path: '/v1/sandboxes/:id/pause', times: 2, drop: 'after' });
    const paused = await runra.sandboxes.pause(sandbox.id);
    expect(paused.state).toBe('paused');
    expect((await runra.sandboxes.get(sandbox.id)).pausedAt).toBe(paused.pausedAt);
    const attempts = server.api.journal.entries().filter((e) => e.path.endsWith('/pause'));
    expect(attempts.map((e) => e.status)).toEqual([200, 200, 200]);
  });

  it('a resume dropped after it landed, then refused with 503, answers 200 and resumes once', async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    await runra.sandboxes.pause(sandbox.id);
    server.api.clock.advance(10_000);
    server.api.faults.add({ method: 'POST', path: '/v1/sandboxes/:id/resume', times: 1, drop: 'after' });
    server.api.faults.add({
      method: 'POST',
      path: '/v1/sandboxes/:id/resume',
      times: 1,
      error: { code: 'RESOURCE_EXHAUSTED', retryAfterMs: 1 },
    });
    const resumed = await runra.sandboxes.resume(sandbox.id);
    expect(resumed).toMatchObject({ state: 'running', pausedDurationMs: 10_000 });
    expect((await runra.sandboxes.get(sandbox.id)).resumedAt).toBe(resumed.resumedAt);
  });
});

describe('faults: timeouts', () => {
  const TIMEOUT_MS = 100;
  it('an attempt slower than timeoutMs fails with APIConnectionTimeoutError within its bound', async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    server.api.faults.add({ method: 'GET', path: '/v1/sandboxes/:id', times: 1, latencyMs: 600 });
    const { error, ms } = await elapsedOf(() =>
      runra.sandboxes.get(sandbox.id, { timeoutMs: TIMEOUT_MS, maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(ms).toBeLessThan(TIMEOUT_MS + 250);
  });

  it('a timed-out create is retried with its Idempotency-Key and makes one sandbox', async () => {
    server.api.faults.add({ method: 'POST', path: '/v1/sandboxes', times: 1, latencyMs: 300 });
    const started = performance.now();
    const sandbox = await runra.sandboxes.create({ image: 'node:22' }, { timeoutMs: TIMEOUT_MS });
    // One timeout, one backoff (at most 500 ms by the rules), then the replayed answer.
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500 + 400);
    await new Promise((resolve) => setTimeout(resolve, 350)); // let the slow first attempt land
    const page = await runra.sandboxes.list();
    expect(page.data.map((s) => s.id)).toEqual([sandbox.id]);
  });
});

describe('faults: cancellation', () => {
  it('an AbortSignal cancels a call in flight at once', async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    server.api.faults.add({ method: 'GET', path: '/v1/sandboxes/:id', times: 1, latencyMs: 400 });
    const { error, ms } = await elapsedOf(() =>
      runra.sandboxes.get(sandbox.id, { signal: AbortSignal.timeout(50) }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(ms).toBeLessThan(300);
  });

  it('an AbortSignal cancels a call waiting out a long Retry-After, with one attempt made', async () => {
    server.api.faults.add({
      method: 'POST',
      path: '/v1/sandboxes',
      times: 1,
      error: { code: 'RESOURCE_EXHAUSTED', retryAfterMs: 30_000 },
    });
    const { error, ms } = await elapsedOf(() =>
      runra.sandboxes.create({ image: 'node:22' }, { signal: AbortSignal.timeout(100) }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(ms).toBeLessThan(1000);
    expect(server.api.journal.entries().filter((e) => e.method === 'POST')).toHaveLength(1);
    expect((await runra.sandboxes.list()).pagination.total).toBe(0);
  });

  it('a signal shared by 10,000 calls is left with no abort listeners', async () => {
    const api = createMockApi({ clock: 'manual', seed: 3 });
    const local = new Runra({ apiKey: 'sk_test_faults_0002', fetch: api.fetch });
    const sandbox = await local.sandboxes.create({ image: 'node:22' });
    const controller = new AbortController();
    const { signal } = controller;
    let peak = 0;
    const calls = 10_000;
    const batch = 1000;
    for (let done = 0; done < calls; done += batch) {
      const pending = Array.from({ length: batch }, () => local.sandboxes.get(sandbox.id, { signal }));
      peak = Math.max(peak, getEventListeners(signal, 'abort').length);
      const results = await Promise.all(pending);
      expect(results.every((s) => s.id === sandbox.id)).toBe(true);
    }
    expect(peak).toBeGreaterThan(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  }, 60_000);
});
