import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockApi } from '../../mock-server/index.js';
import { APIConnectionError, APIConnectionTimeoutError, InvalidConfigError, Runra } from '../../src/index.js';
import { createParamsDetails } from '../../src/internal/validators.js';
import { LIMITS } from '../../src/schemas/limits.js';
import { nearMiss, validCreateBody } from './contract-arbitraries.js';
import { API_KEY, client, fakeFetch, settle } from './helpers.js';

/** Issue 10, item 6: messages a person can act on. */

afterEach(() => {
  vi.useRealTimers();
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('connection errors say the root cause in one line', () => {
  it('a refused connection: ECONNREFUSED host:port (real fetch)', async () => {
    const port = await closedPort();
    const runra = new Runra({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const { error } = await settle(runra.sandboxes.get('sb_1'));
    expect(error).toBeInstanceOf(APIConnectionError);
    const { message } = error as Error;
    expect(message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(message).not.toContain('\n');
  });

  it('an unknown host: ENOTFOUND host, found down the cause chain', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.nowhere.invalid'), {
      code: 'ENOTFOUND',
      hostname: 'api.nowhere.invalid',
    });
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: dns });
    });
    const { error } = await settle(client(fetch, { maxRetries: 0 }).sandboxes.get('sb_1'));
    expect((error as Error).message).toMatch(/^connection error: ENOTFOUND api\.nowhere\.invalid \(/);
  });

  it('a dual-stack refusal (AggregateError): the first address that refused', async () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:4010`), {
        code: 'ECONNREFUSED',
        address,
        port: 4010,
      });
    const aggregate = Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')], ''), {
      code: 'ECONNREFUSED',
    });
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: aggregate });
    });
    const { error } = await settle(client(fetch, { maxRetries: 0 }).sandboxes.get('sb_1'));
    expect((error as Error).message).toContain('ECONNREFUSED ::1:4010');
  });

  it('a timeout says how many attempts and how long in all', async () => {
    vi.useFakeTimers();
    const { fetch } = fakeFetch(() => new Promise<Response>(() => {}));
    const outcome = settle(client(fetch, { timeoutMs: 1000, maxRetries: 2 }).sandboxes.get('sb_1'));
    await vi.runAllTimersAsync();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    // 3 attempts of 1 s and the backoff between them (0.5 s, then 1 s, less jitter).
    expect((error as Error).message).toMatch(
      /^the request timed out after 1000 ms \(attempt 3 of 3, each up to 1000 ms, \d+\.\d s in all\)$/,
    );
  });
});

/** What the checker says, for the SDK and the mock alike, about one create body. */
const MESSAGES: [string, unknown, string, string][] = [
  ['the body is not an object', null, '', 'must be an object, got null'],
  ['resources is null', { image: 'x', resources: null }, 'resources', 'must be an object, got null'],
  ['image is missing', {}, 'image', 'is required'],
  ['image is a number', { image: 5 }, 'image', 'must be a string, got 5'],
  ['image is empty', { image: '' }, 'image', 'must not be empty'],
  [
    'image is too long',
    { image: 'x'.repeat(LIMITS.image.maxLength + 1) },
    'image',
    `must have at most ${LIMITS.image.maxLength} characters, got ${LIMITS.image.maxLength + 1}`,
  ],
  [
    'cpu is not a contract value',
    { image: 'x', resources: { cpu: 3 } },
    'resources.cpu',
    'must be one of 2, 4, 8, got 3',
  ],
  [
    'memoryMb is below its range',
    { image: 'x', resources: { memoryMb: 1000 } },
    'resources.memoryMb',
    `must be at least ${LIMITS.resources.memoryMb.min}, got 1000`,
  ],
  ['timeoutMs is not an integer', { image: 'x', timeoutMs: 1.5 }, 'timeoutMs', 'must be an integer, got 1.5'],
  [
    'an env key is not an identifier',
    { image: 'x', env: { '1A': 'v' } },
    'env.1A',
    'key must match ^[A-Za-z_][A-Za-z0-9_]*$',
  ],
  ['an env value is not a string', { image: 'x', env: { A: 1 } }, 'env.A', 'must be a string, got 1'],
  [
    'metadata has too many keys',
    { image: 'x', metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) },
    'metadata',
    `must have at most ${LIMITS.metadata.maxKeys} keys, got 21`,
  ],
  [
    'an egress host is over the DNS limit',
    { image: 'x', network: { egress: { allow: [`${'a'.repeat(250)}.com`] } } },
    'network.egress.allow.0',
    'must have at most 253 characters, got 254',
  ],
  [
    'egress.default is not a policy',
    { image: 'x', network: { egress: { default: 'maybe' } } },
    'network.egress.default',
    'must be one of "allow", "deny", got "maybe"',
  ],
  [
    'workdir is relative',
    { image: 'x', workdir: 'srv' },
    'workdir',
    'must be an absolute path (start with /)',
  ],
  [
    'a field differs by case',
    { image: 'x', resources: { memoryMB: 4096 } },
    'resources.memoryMB',
    'unknown field (did you mean memoryMb?)',
  ],
];

describe('create params: every refusal says what is wrong with that value, the same from SDK and mock', () => {
  it.each(MESSAGES)('%s', async (_, body, path, message) => {
    const details = createParamsDetails(body);
    expect(details).toEqual({ field: path, reason: message, issues: [{ path, message }] });
    const local = await settle(client(fakeFetch(() => new Response()).fetch).sandboxes.create(body as never));
    expect(local.error).toBeInstanceOf(InvalidConfigError);
    expect((local.error as Error).message).toBe(`invalid create params: ${path || '(body)'} ${message}`);
    // The mock answers with the same details: one checker (validateParams: false sends it unchecked).
    if (typeof body === 'object' && body !== null) {
      const api = createMockApi();
      const remote = await settle(
        client(api.fetch, { validateParams: false, maxRetries: 0 }).sandboxes.create(body as never),
      );
      expect((remote.error as InvalidConfigError).details).toEqual(details);
      expect((remote.error as Error).message).toBe(`Invalid sandbox configuration: ${path}: ${message}`);
    }
  });

  it('no message names a field of the contract: the path does (10,000 random near misses)', () => {
    const FIELDS =
      /\b(image|resources|cpu|memoryMb|diskMb|env|workdir|timeoutMs|idleTimeoutMs|metadata|network|egress)\b/;
    fc.assert(
      fc.property(nearMiss(validCreateBody), (body) => {
        for (const issue of createParamsDetails(body)?.issues ?? []) {
          const said = issue.message.replace(/\(did you mean \w+\?\)$/, '');
          expect(said, `${issue.path}: ${issue.message}`).not.toMatch(FIELDS);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
