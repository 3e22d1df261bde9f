import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { Runra } from '../../src/index.js';
import { API_KEY, apiError, client, fakeFetch, json } from './helpers.js';

/** Every way a value ends up in a log. */
function renderings(value: unknown): string[] {
  const logged: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const logger = new Console({ stdout: sink, stderr: sink });
  logger.log(value);
  logger.error(value);
  logger.dir(value, { depth: 10, showHidden: true });
  return [
    String(value),
    `${value}`,
    JSON.stringify(value) ?? '',
    inspect(value, { depth: 10, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, getters: true }),
    ...logged,
  ];
}

async function errorOf(response: () => Response | Promise<Response>) {
  const { fetch } = fakeFetch(response);
  return client(fetch, { maxRetries: 0, timeoutMs: 50 })
    .sandboxes.pause('sb_1')
    .catch((e: unknown) => e);
}

describe('secrets: the API key never shows', () => {
  it('client: String, JSON.stringify, util.inspect (showHidden, depth 10) and console.log', () => {
    const runra = client(() => Promise.resolve(json(200, {})));
    for (const text of [
      ...renderings(runra),
      ...renderings(runra.sandboxes),
      ...renderings(runra.withOptions({})),
    ]) {
      expect(text).not.toContain(API_KEY);
    }
    expect(JSON.parse(JSON.stringify(runra))).toMatchObject({ apiKey: '[redacted]' });
    expect(inspect(runra)).toContain('[redacted]');
  });

  it('a key from RUNRA_API_KEY does not show either', () => {
    vi.stubEnv('RUNRA_API_KEY', API_KEY);
    try {
      for (const text of renderings(new Runra())) expect(text).not.toContain(API_KEY);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    ['an API error', () => apiError(401, 'UNAUTHORIZED')],
    ['an HTML error page', () => new Response('<h1>bad gateway</h1>', { status: 502 })],
    ['an invalid response', () => json(200, ['not', 'an', 'object'])],
    [
      'a timeout (ky’s TimeoutError holds the request: it must not be kept)',
      () => new Promise<Response>(() => {}),
    ],
    [
      'a connection failure',
      () => {
        throw new TypeError('fetch failed');
      },
    ],
  ])('%s: String, JSON.stringify, util.inspect and console.log of the error', async (_name, response) => {
    const error = await errorOf(response);
    expect(error).toBeInstanceOf(Error);
    for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
  });

  it('errors hold no request and no request headers', async () => {
    const error = (await errorOf(() => apiError(401, 'UNAUTHORIZED'))) as Record<string, unknown>;
    const values = Object.values(error);
    expect(values.some((value) => value instanceof Request)).toBe(false);
    expect((error.headers as Headers).get('authorization')).toBeNull();
  });
});
