import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  InvalidStateError,
  RateLimitedError,
} from '../../src/index.js';
import { apiError, client, fakeFetch, type Handler, json, sandboxBody, settle } from './helpers.js';

const lifecycle = { id: 'sb_1', state: 'paused', pausedAt: 'x', runtimeDurationMs: 1 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs `get` against `handler` with fake timers; returns the outcome and what was sent. */
async function run(handler: Handler, options: Parameters<typeof client>[1] = {}, call = 'get') {
  const { fetch, seen } = fakeFetch(handler);
  const runra = client(fetch, options);
  const promise: PromiseLike<unknown> =
    call === 'get' ? runra.sandboxes.get('sb_1') : runra.sandboxes.pause('sb_1');
  const outcome = settle(promise);
  await vi.runAllTimersAsync();
  const result = await outcome;
  const delays = seen.slice(1).map((request, i) => request.at - (seen[i]?.at ?? 0));
  return { ...result, seen, delays };
}

/** Fails `failures` times with `failure()`, then answers a sandbox. */
const failThen =
  (failures: number, failure: () => Response | Promise<Response>): Handler =>
  (_request, index) =>
    index < failures ? failure() : json(200, pauseOrSandbox(_request.url.pathname));
const pauseOrSandbox = (path: string) => (path.endsWith('/pause') ? lifecycle : sandboxBody());

describe('retries: what is retried', () => {
  it.each([408, 429, 500, 502, 503, 504])('status %i is retried, then succeeds', async (status) => {
    const { value, seen } = await run(failThen(2, () => apiError(status, 'WHATEVER')));
    expect(seen).toHaveLength(3);
    expect(value).toMatchObject({ id: 'sb_x7k2m9p4q1w3v5b8n' });
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 422])(
    'status %i is final: one attempt only',
    async (status) => {
      const { error, seen } = await run(failThen(1, () => apiError(status, 'WHATEVER')));
      expect(seen).toHaveLength(1);
      expect(error).toMatchObject({ status });
    },
  );

  it('pause: 409 INVALID_STATE is a final answer, not retried', async () => {
    const { error, seen } = await run(
      failThen(1, () => apiError(409, 'INVALID_STATE', { sandboxId: 'sb_1', currentState: 'paused' })),
      {},
      'pause',
    );
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(seen).toHaveLength(1);
  });

  it('connection failures are retried', async () => {
    const { value, seen } = await run(
      failThen(2, () => {
        throw new TypeError('fetch failed');
      }),
    );
    expect(seen).toHaveLength(3);
    expect(value).toBeDefined();
  });

  it('after maxRetries the last error is thrown: APIConnectionError with the cause kept', async () => {
    const cause = new TypeError('fetch failed');
    const { error, seen } = await run(() => {
      throw cause;
    });
    expect(seen).toHaveLength(3);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).code).toBe('CONNECTION_ERROR');
    expect((error as APIConnectionError).status).toBeUndefined();
    expect((error as APIConnectionError).cause).toBe(cause);
  });

  it('a POST is retried with the same Idempotency-Key on every attempt', async () => {
    const { seen, value } = await run(
      failThen(2, () => apiError(503, 'RESOURCE_EXHAUSTED')),
      {},
      'pause',
    );
    expect(value).toEqual(lifecycle);
    const keys = new Set(seen.map((request) => request.headers.get('idempotency-key')));
    expect(seen).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
  });

  it('maxRetries from the client and per request', async () => {
    const failing = () => apiError(500, 'INTERNAL_ERROR');
    expect((await run(failing, { maxRetries: 4 })).seen).toHaveLength(5);
    expect((await run(failing, { maxRetries: 0 })).seen).toHaveLength(1);
    const { fetch, seen } = fakeFetch(failing);
    const outcome = settle(client(fetch, { maxRetries: 4 }).sandboxes.get('sb_1', { maxRetries: 1 }));
    await vi.runAllTimersAsync();
    expect((await outcome).error).toBeInstanceOf(InternalServerError);
    expect(seen).toHaveLength(2);
  });

  it('x-should-retry: true retries a status that is otherwise final', async () => {
    const { seen, value } = await run(
      failThen(1, () => apiError(400, 'INVALID_REQUEST', {}, { 'x-should-retry': 'true' })),
    );
    expect(seen).toHaveLength(2);
    expect(value).toBeDefined();
  });

  it('x-should-retry: false stops a retry the status would allow', async () => {
    const { seen, error } = await run(
      failThen(1, () => apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'x-should-retry': 'false' })),
    );
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
  });
});

describe('retries: delays', () => {
  it('backoff: 0.5 s doubling (with no jitter drawn)', async () => {
    const { delays } = await run(() => apiError(500, 'INTERNAL_ERROR'), { maxRetries: 6 });
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('jitter takes up to 25% off the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { delays } = await run(() => apiError(500, 'INTERNAL_ERROR'), { maxRetries: 2 });
    expect(delays[0]).toBeGreaterThanOrEqual(375);
    expect(delays[0]).toBeLessThan(400);
    expect(delays[1]).toBeGreaterThanOrEqual(750);
    expect(delays[1]).toBeLessThan(800);
  });

  it('Retry-After in seconds is honoured', async () => {
    const { delays } = await run(
      failThen(1, () => apiError(429, 'RATE_LIMITED', {}, { 'retry-after': '7' })),
    );
    expect(delays).toEqual([7000]);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    const { delays } = await run(
      failThen(1, () =>
        apiError(
          503,
          'RESOURCE_EXHAUSTED',
          {},
          { 'retry-after': new Date(Date.now() + 12_000).toUTCString() },
        ),
      ),
    );
    expect(delays[0]).toBeGreaterThan(11_000);
    expect(delays[0]).toBeLessThanOrEqual(12_000);
  });

  it('retry-after-ms wins over Retry-After', async () => {
    const { delays } = await run(
      failThen(1, () => apiError(429, 'RATE_LIMITED', {}, { 'retry-after': '30', 'retry-after-ms': '250' })),
    );
    expect(delays).toEqual([250]);
  });

  it('details.retryAfterMs is used when no header says how long', async () => {
    const { delays } = await run(failThen(1, () => apiError(429, 'RATE_LIMITED', { retryAfterMs: 1500 })));
    expect(delays).toEqual([1500]);
  });

  it('a wait of exactly 60 s is honoured', async () => {
    const { delays } = await run(
      failThen(1, () => apiError(429, 'RATE_LIMITED', {}, { 'retry-after': '60' })),
    );
    expect(delays).toEqual([60_000]);
  });

  it('a wait over 60 s is not retried: thrown at once with retryAfterMs', async () => {
    const { error, seen } = await run(() =>
      apiError(429, 'RATE_LIMITED', { retryAfterMs: 61_000 }, { 'retry-after': '61' }),
    );
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(61_000);
  });

  it('an invalid Retry-After falls back to backoff', async () => {
    const { delays } = await run(
      failThen(1, () => apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'retry-after': 'soon' })),
    );
    expect(delays).toEqual([500]);
  });
});

describe('timeouts', () => {
  const hang: Handler = (request) =>
    new Promise((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });

  it('an attempt over timeoutMs is an APIConnectionTimeoutError, retried', async () => {
    const { error, seen, delays } = await run(hang, { timeoutMs: 1000, maxRetries: 2 });
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).code).toBe('CONNECTION_TIMEOUT');
    expect(seen).toHaveLength(3);
    expect(delays).toEqual([1000 + 500, 1000 + 1000]);
  });

  it('a timeout then a success resolves', async () => {
    const { value, seen } = await run(
      (request, index) => (index === 0 ? hang(request, index) : json(200, sandboxBody())),
      {
        timeoutMs: 50,
      },
    );
    expect(seen).toHaveLength(2);
    expect(value).toBeDefined();
  });

  it('per-request timeoutMs overrides the client’s', async () => {
    const { fetch, seen } = fakeFetch(hang);
    const outcome = settle(
      client(fetch, { timeoutMs: 60_000 }).sandboxes.get('sb_1', { timeoutMs: 20, maxRetries: 0 }),
    );
    await vi.advanceTimersByTimeAsync(25);
    expect((await outcome).error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(seen).toHaveLength(1);
  });

  /** A fetch that records the `init.signal` the SDK hands it, answering with `answer`. */
  function signalsSeen(answer: (index: number) => Promise<Response>) {
    const signals: AbortSignal[] = [];
    const fetch = (_request: Request, init?: RequestInit) => {
      if (!init?.signal) throw new Error('the SDK passed no init.signal');
      signals.push(init.signal);
      return answer(signals.length - 1);
    };
    return { fetch, signals };
  }

  it('a timed-out attempt aborts the signal its fetch was given; the retry gets a fresh one', async () => {
    const { fetch, signals } = signalsSeen((index) =>
      index === 0 ? new Promise<Response>(() => {}) : Promise.resolve(json(200, sandboxBody())),
    );
    const outcome = settle(client(fetch, { timeoutMs: 50 }).sandboxes.get('sb_1'));
    await vi.runAllTimersAsync();
    expect((await outcome).value).toBeDefined();
    expect(signals).toHaveLength(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('a body that stalls after the headers is cancelled at the timeout (its fetch signal aborts)', async () => {
    const { fetch, signals } = signalsSeen(async () => {
      const stalled = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"id":')),
      });
      return new Response(stalled, { status: 200 });
    });
    const outcome = settle(client(fetch, { timeoutMs: 100, maxRetries: 0 }).sandboxes.get('sb_1'));
    await vi.advanceTimersByTimeAsync(99);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('an attempt that ends in time leaves its signal unaborted and no timer behind', async () => {
    const { fetch, signals } = signalsSeen(() => Promise.resolve(json(200, sandboxBody())));
    await client(fetch).sandboxes.get('sb_1');
    expect(signals[0]?.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the timeout covers reading the body', async () => {
    const { error } = await run(
      (request) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"id":'));
              request.signal.addEventListener('abort', () => controller.error(request.signal.reason));
            },
          }),
          { status: 200 },
        ),
      { timeoutMs: 100, maxRetries: 0 },
    );
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });
});
