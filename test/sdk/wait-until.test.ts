import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  ResourceExhaustedError,
  SandboxNotFoundError,
  UnreachableStateError,
  WaitTimeoutError,
} from '../../src/index.js';
import { apiError, client, fakeFetch, json, sandboxBody, settle } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A sandbox that goes through `states`, one per poll, staying in the last one. */
function polling(states: string[]) {
  return fakeFetch((_request, index) =>
    json(200, sandboxBody({ state: states[Math.min(index, states.length - 1)] })),
  );
}

describe('waitUntil', () => {
  it('polls get until the state is reached, every intervalMs', async () => {
    const { fetch, seen } = polling(['creating', 'creating', 'running']);
    const outcome = settle(client(fetch).sandboxes.waitUntil('sb_1', 'running', { intervalMs: 250 }));
    await vi.runAllTimersAsync();
    expect((await outcome).value).toMatchObject({ state: 'running' });
    expect(seen.map((r) => r.url.pathname)).toEqual(Array(3).fill('/v1/sandboxes/sb_1'));
    expect(seen[2]!.at - seen[1]!.at).toBe(250);
  });

  it('times out with WaitTimeoutError carrying the last state seen', async () => {
    const { fetch, seen } = polling(['creating']);
    const outcome = settle(
      client(fetch).sandboxes.waitUntil('sb_1', 'running', { timeoutMs: 5000, intervalMs: 1000 }),
    );
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).code).toBe('WAIT_TIMEOUT');
    expect((error as WaitTimeoutError).lastState).toBe('creating');
    expect(seen).toHaveLength(6);
  });

  it('fails at once with UnreachableStateError when the sandbox is terminated', async () => {
    const { fetch, seen } = polling(['paused', 'terminated']);
    const outcome = settle(client(fetch).sandboxes.waitUntil('sb_1', 'running'));
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(UnreachableStateError);
    expect((error as UnreachableStateError).code).toBe('UNREACHABLE_STATE');
    expect((error as UnreachableStateError).lastState).toBe('terminated');
    expect(seen).toHaveLength(2);
  });

  it('waiting for terminated succeeds on a terminated sandbox', async () => {
    const { fetch } = polling(['terminated']);
    const outcome = settle(client(fetch).sandboxes.waitUntil('sb_1', 'terminated'));
    await vi.runAllTimersAsync();
    expect((await outcome).value).toMatchObject({ state: 'terminated' });
  });

  it('an unknown future state keeps the wait going', async () => {
    const { fetch } = polling(['migrating', 'running']);
    const outcome = settle(client(fetch).sandboxes.waitUntil('sb_1', 'running', { intervalMs: 10 }));
    await vi.runAllTimersAsync();
    expect((await outcome).value).toMatchObject({ state: 'running' });
  });

  it('the signal cancels the wait between polls at once', async () => {
    const { fetch, seen } = polling(['creating']);
    const controller = new AbortController();
    const outcome = settle(
      client(fetch).sandboxes.waitUntil('sb_1', 'running', { signal: controller.signal, intervalMs: 10_000 }),
    );
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect((await outcome).error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  /** Runs fake time until `outcome` settles; returns when, from the start, it did. */
  async function settledAt<T>(outcome: Promise<T>): Promise<{ result: T; ms: number }> {
    const start = Date.now();
    let done = false;
    const result = outcome.finally(() => {
      done = true;
    });
    while (!done) await vi.advanceTimersByTimeAsync(100);
    return { result: await result, ms: Date.now() - start };
  }

  it('ends by its deadline when a poll hangs: the poll’s timeout is the time left (issue 10, item 4)', async () => {
    const { fetch, seen } = fakeFetch((request, index) =>
      index === 0
        ? json(200, sandboxBody({ state: 'creating' }))
        : new Promise((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(request.signal.reason));
          }),
    );
    const runra = client(fetch, { timeoutMs: 60_000, maxRetries: 2 });
    const { result, ms } = await settledAt(
      settle(runra.sandboxes.waitUntil('sb_1', 'running', { timeoutMs: 30_000, intervalMs: 1000 })),
    );
    expect(result.error).toBeInstanceOf(WaitTimeoutError);
    expect((result.error as WaitTimeoutError).lastState).toBe('creating');
    expect((result.error as WaitTimeoutError).cause).toBeInstanceOf(APIConnectionTimeoutError);
    expect(ms).toBeLessThanOrEqual(30_100);
    expect(seen).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends by its deadline when polls fail and are retried: no retry is started past it', async () => {
    const { fetch } = fakeFetch(() => apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'retry-after': '8' }));
    const runra = client(fetch, { maxRetries: 10 });
    const { result, ms } = await settledAt(
      settle(runra.sandboxes.waitUntil('sb_1', 'running', { timeoutMs: 20_000 })),
    );
    expect(result.error).toBeInstanceOf(WaitTimeoutError);
    expect((result.error as WaitTimeoutError).cause).toBeInstanceOf(ResourceExhaustedError);
    expect(ms).toBeLessThanOrEqual(20_000);
  });

  it('a final answer (404) still ends the wait with that error', async () => {
    const { fetch } = fakeFetch(() => apiError(404, 'SANDBOX_NOT_FOUND', { sandboxId: 'sb_1' }));
    const outcome = settle(client(fetch).sandboxes.waitUntil('sb_1', 'running'));
    await vi.runAllTimersAsync();
    expect((await outcome).error).toBeInstanceOf(SandboxNotFoundError);
  });
});
