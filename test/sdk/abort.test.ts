import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIUserAbortError } from '../../src/index.js';
import { apiError, client, fakeFetch, type Handler, json, sandboxBody, settle } from './helpers.js';

const hang: Handler = (request) =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('abort', () => {
  it('aborting cancels the request in flight at once, cause = signal.reason', async () => {
    const { fetch, seen } = fakeFetch(hang);
    const controller = new AbortController();
    const outcome = settle(client(fetch).sandboxes.get('sb_1', { signal: controller.signal }));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const reason = new Error('user navigated away');
    controller.abort(reason);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).code).toBe('USER_ABORT');
    expect((error as APIUserAbortError).cause).toBe(reason);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('aborting during a backoff wait ends it at once, with no further attempt', async () => {
    vi.useFakeTimers();
    const { fetch, seen } = fakeFetch(() => apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'retry-after': '30' }));
    const controller = new AbortController();
    const outcome = settle(client(fetch).sandboxes.get('sb_1', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(1);
    controller.abort();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(vi.getTimerCount()).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('a fetch that ignores signals still ends at once on abort', async () => {
    const { fetch, seen } = fakeFetch(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const outcome = settle(client(fetch).sandboxes.get('sb_1', { signal: controller.signal }));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    expect((await outcome).error).toBeInstanceOf(APIUserAbortError);
  });

  it('an already aborted signal sends nothing', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const { error } = await settle(client(fetch).sandboxes.get('sb_1', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(0);
  });

  it('a user abort is never retried', async () => {
    const { fetch, seen } = fakeFetch(hang);
    const controller = new AbortController();
    const outcome = settle(
      client(fetch, { maxRetries: 5 }).sandboxes.get('sb_1', { signal: controller.signal }),
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    expect((await outcome).error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(1);
  });

  it('no listener is left on a long-lived signal across 10,000 calls', async () => {
    const { fetch } = fakeFetch((request) =>
      request.url.pathname.endsWith('sb_err') ? apiError(404, 'SANDBOX_NOT_FOUND') : json(200, sandboxBody()),
    );
    const runra = client(fetch);
    const { signal } = new AbortController();
    for (let i = 0; i < 10_000; i++) {
      await runra.sandboxes.get(i % 10 === 0 ? 'sb_err' : 'sb_1', { signal }).catch(() => undefined);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('no listener is left after retries with backoff waits', async () => {
    vi.useFakeTimers();
    const { fetch } = fakeFetch((_r, index) =>
      index % 3 < 2 ? apiError(500, 'INTERNAL_ERROR') : json(200, sandboxBody()),
    );
    const runra = client(fetch);
    const { signal } = new AbortController();
    for (let i = 0; i < 20; i++) {
      const outcome = settle(runra.sandboxes.get('sb_1', { signal }));
      await vi.runAllTimersAsync();
      expect((await outcome).value).toBeDefined();
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
