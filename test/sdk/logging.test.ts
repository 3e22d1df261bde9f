import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger, LogLevel } from '../../src/index.js';
import { API_KEY, apiError, client, fakeFetch, json, sandboxBody, settle } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A logger that records `[level, line]`. */
function recorder() {
  const lines: [string, string][] = [];
  const logger: Logger = {
    error: (line) => lines.push(['error', line]),
    warn: (line) => lines.push(['warn', line]),
    info: (line) => lines.push(['info', line]),
    debug: (line) => lines.push(['debug', line]),
  };
  return { logger, lines };
}

/** A 503 (request id req_err00001 in its body) with Retry-After 1 s, then a 200. */
const flaky = () =>
  fakeFetch((_request, index) =>
    index === 0
      ? apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'retry-after': '1' })
      : json(200, sandboxBody(), { 'x-request-id': 'req_second02' }),
  );

async function run(logLevel: LogLevel | undefined, fetch = flaky().fetch) {
  vi.useFakeTimers();
  const { logger, lines } = recorder();
  const outcome = settle(client(fetch, { logLevel, logger }).sandboxes.get('sb_1'));
  await vi.runAllTimersAsync();
  await outcome;
  return lines;
}

describe('logging', () => {
  it('is off by default', async () => {
    expect(await run(undefined)).toEqual([]);
  });

  it('debug: one line per attempt with method, path, status, request id, attempt n of m, ms, and the retry', async () => {
    const lines = await run('debug');
    expect(lines).toEqual([
      [
        'warn',
        'runra: GET /v1/sandboxes/sb_1 503 RESOURCE_EXHAUSTED req_err00001 (attempt 1 of 3, 0 ms); retrying in 1000 ms, as the server asked',
      ],
      ['debug', 'runra: GET /v1/sandboxes/sb_1 200 req_second02 (attempt 2 of 3, 0 ms)'],
    ]);
  });

  it('each level shows itself and what is more severe', async () => {
    const failing = () => fakeFetch(() => apiError(500, 'INTERNAL_ERROR'));
    expect((await run('warn')).map(([level]) => level)).toEqual(['warn']);
    expect(await run('error')).toEqual([]);
    expect((await run('error', failing().fetch)).map(([level]) => level)).toEqual(['error']);
    expect((await run('warn', failing().fetch)).map(([level]) => level)).toEqual(['warn', 'warn', 'error']);
    const notFound = fakeFetch(() => apiError(404, 'SANDBOX_NOT_FOUND'));
    expect((await run('info', notFound.fetch)).map(([level]) => level)).toEqual(['info']);
    expect(await run('warn', notFound.fetch)).toEqual([]);
  });

  it('RUNRA_LOG sets the level (any case); the option wins over it', async () => {
    vi.stubEnv('RUNRA_LOG', 'DEBUG');
    expect(await run(undefined)).toHaveLength(2);
    expect(await run('off')).toEqual([]);
  });

  it('an unknown level is said once, as a warning, and logging stays off', async () => {
    vi.stubEnv('RUNRA_LOG', 'verbose');
    const lines = await run(undefined);
    expect(lines).toEqual([
      ['warn', expect.stringContaining('RUNRA_LOG "verbose" is not off,error,warn,info,debug')],
    ]);
  });

  it('never shows the key or the Authorization header, whatever happens', async () => {
    vi.useFakeTimers();
    const { logger, lines } = recorder();
    const { fetch } = fakeFetch((_request, index) =>
      [
        () => apiError(401, 'UNAUTHORIZED'),
        () => apiError(503, 'RESOURCE_EXHAUSTED', {}, { 'retry-after': '1' }),
        () => {
          throw new TypeError('fetch failed', { cause: new Error(`boom ${index}`) });
        },
        () => json(201, sandboxBody()),
      ][index % 4]!(),
    );
    const runra = client(fetch, { logLevel: 'debug', logger, maxRetries: 1 });
    const calls = [
      settle(runra.sandboxes.get('sb_1')),
      settle(
        runra.sandboxes.create({ image: 'node:22' }, { headers: { Authorization: `Bearer ${API_KEY}` } }),
      ),
      settle(runra.post('/anything', { body: { apiKey: API_KEY } })),
      settle(runra.sandboxes.list()),
    ];
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(lines.length).toBeGreaterThan(4);
    const text = lines.map(([, line]) => line).join('\n');
    expect(text).not.toContain(API_KEY);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text.toLowerCase()).not.toContain('bearer');
  });
});
