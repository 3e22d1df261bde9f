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

  it('1,000 concurrent calls on one signal: one listener at most, none after, no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { fetch, seen } = fakeFetch(async () => {
        await gate;
        return json(200, sandboxBody());
      });
      const runra = client(fetch);
      const { signal } = new AbortController();
      const calls = Array.from({ length: 1000 }, () => runra.sandboxes.get('sb_1', { signal }));
      await vi.waitFor(() => expect(seen).toHaveLength(1000));
      expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
      release();
      await Promise.all(calls);
      // Node emits the warning from a later tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('aborting one signal shared by 1,000 calls ends every one of them, and leaves no listener', async () => {
    const { fetch, seen } = fakeFetch(hang);
    const runra = client(fetch);
    const controller = new AbortController();
    const calls = Array.from({ length: 1000 }, () =>
      settle(runra.sandboxes.get('sb_1', { signal: controller.signal })),
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1000));
    controller.abort();
    const outcomes = await Promise.all(calls);
    expect(outcomes.every(({ error }) => error instanceof APIUserAbortError)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
