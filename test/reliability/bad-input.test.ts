/**
 * Bad input against the HTTP mock: arbitrary JSON (and non-JSON) create bodies and list
 * query strings. Zero 5xx; every refusal a well-formed envelope with a request id; every
 * accepted sandbox valid by the contract's rules (restated here from the spec's table,
 * through LIMITS). Replay with RELIABILITY_SEED / RELIABILITY_PATH (see model-based.test.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { LIMITS, SANDBOX_STATES } from '../../src/schemas/index.js';
import { checkAnswer, contractViolations } from './answers.js';
import { replayParameters } from './replay.js';

const AUTH = { authorization: 'Bearer sk_test_badinput_0001', 'content-type': 'application/json' };
const BODY_CASES = 3000;
const QUERY_CASES = 2000;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 5, port: 0 });
});
afterAll(() => server.close());

/** Mostly a valid value, sometimes a wrong one: keeps a fair share of bodies accepted. */
const mostly = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wrong });

const { resources: R } = LIMITS;
const nearValidBody = fc.record(
  {
    image: mostly(
      fc.constantFrom('node:22', 'python:3.12', 'ghcr.io/acme/app@sha256:abc'),
      fc.string({ maxLength: 300 }),
    ),
    resources: mostly(
      fc.record(
        {
          cpu: fc.constantFrom(...R.cpu.values),
          memoryMb: fc.integer({ min: R.memoryMb.min, max: R.memoryMb.max }),
          diskMb: fc.integer({ min: R.diskMb.min, max: R.diskMb.max }),
        },
        { requiredKeys: [] },
      ),
      fc.oneof(
        fc.record({ cpu: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
        fc.record({ memoryMb: fc.integer(), diskMb: fc.oneof(fc.integer(), fc.constant(null)) }),
        fc.jsonValue(),
      ),
    ),
    env: mostly(
      fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), fc.string(), { maxKeys: 4 }),
      fc.oneof(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
        fc.jsonValue(),
      ),
    ),
    workdir: mostly(
      fc.constantFrom('/srv', '/workspace/app'),
      fc.oneof(fc.constantFrom('relative', ''), fc.string()),
    ),
    timeoutMs: mostly(
      fc.integer({ min: LIMITS.timeoutMs.min, max: LIMITS.timeoutMs.max }),
      fc.oneof(fc.integer(), fc.double()),
    ),
    idleTimeoutMs: mostly(
      fc.integer({ min: LIMITS.idleTimeoutMs.min, max: LIMITS.idleTimeoutMs.max }),
      fc.oneof(fc.integer(), fc.string()),
    ),
    metadata: mostly(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ maxLength: 256 }), {
        maxKeys: 20,
      }),
      fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 260 }), fc.boolean()), {
        minKeys: 1,
        maxKeys: 22,
      }),
    ),
    network: mostly(
      fc.record({
        egress: fc.record(
          { allow: fc.array(fc.domain(), { maxLength: 3 }), default: fc.constantFrom('allow', 'deny') },
          { requiredKeys: [] },
        ),
      }),
      fc.oneof(
        fc.record({ egress: fc.record({ allow: fc.array(fc.string()), default: fc.string() }) }),
        fc.jsonValue(),
      ),
    ),
    memoryMB: fc.integer(),
  },
  { requiredKeys: ['image'] },
);

const bodyText = fc.oneof(
  { weight: 5, arbitrary: nearValidBody.map((body) => JSON.stringify(body)) },
  { weight: 2, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
);

describe('bad input: arbitrary create bodies against the HTTP mock', () => {
  it(`${BODY_CASES} bodies: zero 5xx, well-formed envelopes, no accepted-but-invalid sandbox`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodyText, async (text) => {
        const response = await fetch(`${server.url}/v1/sandboxes`, {
          method: 'POST',
          headers: AUTH,
          body: text,
        });
        const sandbox = await checkAnswer(response, [
          'INVALID_CONFIG',
          'INVALID_REQUEST',
          'PAYLOAD_TOO_LARGE',
        ]);
        if (sandbox === undefined) return;
        accepted++;
        expect(response.status).toBe(201);
        expect(contractViolations(sandbox as Record<string, unknown>)).toEqual([]);
      }),
      replayParameters({ numRuns: BODY_CASES }),
    );
    const stored = server.api.exportState().sandboxes;
    expect(stored).toHaveLength(accepted);
    for (const sandbox of stored) expect(contractViolations(sandbox)).toEqual([]);
    console.info(`bad input: ${BODY_CASES} bodies, ${accepted} accepted`);
  }, 120_000);
});

const queryName = fc.oneof(
  fc.constantFrom('state', 'image', 'limit', 'offset', 'metadata.team', 'metadata.', 'metadata.__proto__'),
  fc.string({ maxLength: 12 }),
);
const queryValue = fc.oneof(
  fc.constantFrom(...SANDBOX_STATES, '0', '1', '20', '100', '101', '-1', '1e2', ' 5', '0x10', '9'.repeat(20)),
  fc.string({ maxLength: 12 }),
);

describe('bad input: arbitrary list query strings against the HTTP mock', () => {
  it(`${QUERY_CASES} queries: zero 5xx, a valid page or 400 INVALID_REQUEST`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(queryName, queryValue), { maxLength: 4 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await fetch(`${server.url}/v1/sandboxes?${query}`, { headers: AUTH });
        const page = (await checkAnswer(response, ['INVALID_REQUEST'])) as
          | {
              data: unknown[];
              pagination: { total: number; limit: number; offset: number; hasMore: boolean };
            }
          | undefined;
        if (page === undefined) return;
        const { total, limit, offset, hasMore } = page.pagination;
        expect(
          Number.isInteger(limit) && limit >= LIMITS.list.limit.min && limit <= LIMITS.list.limit.max,
        ).toBe(true);
        expect(Number.isInteger(offset) && offset >= LIMITS.list.offset.min).toBe(true);
        expect(page.data.length).toBeLessThanOrEqual(limit);
        expect(hasMore).toBe(offset + page.data.length < total);
      }),
      replayParameters({ numRuns: QUERY_CASES }),
    );
  }, 120_000);
});
