/**
 * Structural fuzz against the HTTP mock (issue 11): create bodies written as raw JSON text so
 * they can hold what `JSON.stringify` never makes: depth (up to 100,000 levels), width
 * (thousands of keys or items), long strings, unusual Unicode (escaped lone surrogates, NUL,
 * RTL and isolate marks, BOM, emoji sequences, line separators), duplicate keys, numbers past
 * 2^53 or past double range; raw bytes that are not UTF-8; bodies on GET; and list queries
 * with such names and values. The bar of bad-input.test.ts holds: zero 5xx, zero malformed
 * envelopes, zero invalid sandboxes accepted; every list refusal names the parameter.
 * Replay with RELIABILITY_SEED / RELIABILITY_PATH (see model-based.test.ts).
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { LIMITS, SANDBOX_STATES } from '../../src/schemas/index.js';
import { checkAnswer, contractViolations } from './answers.js';
import { replayParameters } from './replay.js';

const KEY = 'sk_test_structure_0001';
const AUTH = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const BODY_CASES = 800;
const BYTES_CASES = 300;
const GET_CASES = 300;
const QUERY_CASES = 1000;
const CREATE_CODES = ['INVALID_CONFIG', 'INVALID_REQUEST', 'PAYLOAD_TOO_LARGE'] as const;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 9, port: 0 });
});
afterAll(() => server.close());

// ---- JSON text pieces -------------------------------------------------------------------

/** String content as JSON text: escapes (lone surrogates, NUL) and raw unusual characters. */
const ODD_PIECES = [
  '\\ud800',
  '\\udfff',
  '\\udbff\\udfff',
  '\\u0000',
  '\\u001f',
  '\u202e',
  '\u200f',
  '\u202b',
  '\u2066',
  '\u200b',
  '😀',
  '👩‍👩‍👧',
  '\ufeff',
  '\u2028',
  '\u00a0',
  'é',
  'e\u0301',
  '\\"',
  '\\\\',
  '\\n',
  ' ',
  'a',
  'Z',
  '_',
  '9',
  '/',
  '*',
  '.',
  '-',
  ':',
];
const oddText = fc.array(fc.constantFrom(...ODD_PIECES), { maxLength: 12 }).map((parts) => parts.join(''));
const oddString = oddText.map((text) => `"${text}"`);
const longString = fc
  .tuple(fc.integer({ min: 200, max: 400_000 }), fc.constantFrom('a', 'é', '😀', '\\u0000'))
  .map(([n, unit]) => `"${unit.repeat(Math.ceil(n / unit.length))}"`);
const bigNumber = fc.constantFrom(
  '9007199254740993',
  '-9007199254740993',
  '9007199254740992',
  '123456789012345678901234567890',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '2.0',
  '4e0',
  '8.000000000000001',
  '2048.0000000000001',
  '86400000.0000000001',
  '86400001',
  '0.1e1',
);
const scalar = fc.oneof(
  oddString,
  bigNumber,
  fc.constantFrom('true', 'false', 'null', '"node:22"', '2', '4096', '{}', '[]'),
);

/** Nests `inner` in `depth` objects or arrays: up to 100,000 levels. */
const nest = (inner: string, depth: number, kind: 'object' | 'array') =>
  kind === 'array'
    ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
const depth = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 6, arbitrary: fc.integer({ min: 41, max: 5000 }) },
  { weight: 1, arbitrary: fc.constant(100_000) },
);
const deep = fc
  .tuple(scalar, depth, fc.constantFrom('object' as const, 'array' as const))
  .map(([i, d, k]) => nest(i, d, k));

/** An object of `n` members (keys from `keyOf`, values cycling through `values`): width. */
const wide = (keyOf: (i: number) => string, values: fc.Arbitrary<string[]>, max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), values)
    .map(
      ([n, vs]) =>
        `{${Array.from({ length: n }, (_, i) => `"${keyOf(i)}":${vs[i % vs.length] ?? '""'}`).join(',')}}`,
    );

/** An object written member by member: keys may repeat (the last one wins in JSON.parse). */
const members = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>, maxLength = 6) =>
  fc
    .array(fc.tuple(key, value), { maxLength })
    .map((pairs) => `{${pairs.map(([k, v]) => `"${k}":${v}`).join(',')}}`);

// ---- create bodies ------------------------------------------------------------------------

const image = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"node:22"', '"python:3.12"', '"ghcr.io/acme/app@sha256:abc"') },
  { weight: 2, arbitrary: oddString },
  { weight: 1, arbitrary: oddText.map((t) => `"node:22${t}"`) },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: fc.oneof(scalar, deep) },
);
const resources = fc.oneof(
  members(
    fc.constantFrom('cpu', 'memoryMb', 'diskMb', 'cpu', 'CPU', '__proto__'),
    fc.oneof(bigNumber, fc.constantFrom('2', '4', '8', '4096', '10240', '"2"'), deep),
  ),
  deep,
  scalar,
);
const envKey = (i: number) => `VAR_${i}`;
const env = fc.oneof(
  wide(envKey, fc.array(fc.oneof(oddString, fc.constant('"x"')), { minLength: 1, maxLength: 4 }), 5000),
  members(
    fc.oneof(fc.constantFrom('PATH', 'HOME', '_', 'A1', '__proto__', 'constructor'), oddText),
    fc.oneof(oddString, scalar, longString),
  ),
  deep,
);
const metadata = fc.oneof(
  wide((i) => `k${i}`, fc.array(oddString, { minLength: 1, maxLength: 3 }), 40),
  members(
    fc.oneof(oddText, fc.constantFrom('😀'.repeat(64), '😀'.repeat(65), 'x'.repeat(64), 'x'.repeat(65))),
    fc.oneof(oddString, longString),
  ),
  deep,
);
const hosts = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.constantFrom('"example.com"', '"*.example.com"', '"a-b.c"'))
    .map(([n, h]) => `[${Array(n).fill(h).join(',')}]`),
  fc
    .array(
      fc.oneof(
        oddString,
        fc.constantFrom(
          '"exämple.com"',
          '"*.*.com"',
          '"-a.com"',
          `"${'a'.repeat(64)}.com"`,
          `"${'a.'.repeat(130)}a"`,
        ),
      ),
      { maxLength: 5 },
    )
    .map((items) => `[${items.join(',')}]`),
  deep,
);
const network = fc.oneof(
  fc
    .tuple(hosts, fc.constantFrom('"allow"', '"deny"', '"ALLOW"', 'null'))
    .map(([allow, d]) => `{"egress":{"allow":${allow},"default":${d}}}`),
  members(
    fc.constantFrom('egress', 'egress', 'ingress'),
    fc.oneof(members(fc.constantFrom('allow', 'default'), fc.oneof(hosts, scalar)), deep),
  ),
  deep,
);
const FIELD_VALUES: Record<string, fc.Arbitrary<string>> = {
  image,
  resources,
  env,
  metadata,
  network,
  workdir: fc.oneof(
    oddText.map((t) => `"/${t}"`),
    oddString,
    deep,
  ),
  timeoutMs: fc.oneof(bigNumber, fc.constantFrom('1', '86400000', '300000'), deep),
  idleTimeoutMs: fc.oneof(bigNumber, fc.constantFrom('0', '86400000'), deep),
};
const member = fc
  .constantFrom(...Object.keys(FIELD_VALUES))
  .chain((field) => FIELD_VALUES[field]!.map((v) => `"${field}":${v}`));

/** A create body: a valid image first (mostly), then fields, any of which may repeat. */
const createBody = fc
  .tuple(
    fc.option(image, { freq: 6, nil: undefined }),
    fc.array(member, { maxLength: 5 }),
    fc.constantFrom('', '', '', '\ufeff', ' \n\t', 'x'),
  )
  .map(([first, rest, edge]) => {
    const parts = first === undefined ? rest : [`"image":${first}`, ...rest];
    const text = `{${parts.join(',')}}`;
    return edge === 'x' ? `${text}x` : `${edge}${text}`;
  });
const wholeBody = fc.oneof(
  { weight: 8, arbitrary: createBody },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: scalar },
);

/** What the mock should have stored for an accepted body: JSON.parse's reading of it. */
const parsedOf = (text: string): Record<string, unknown> => JSON.parse(text.replace(/^\ufeff/, ''));

describe('structural fuzz: create bodies as raw JSON text', () => {
  it(`${BODY_CASES} bodies (depth, width, long strings, odd Unicode, duplicate keys, big numbers): zero 5xx, no invalid sandbox`, async () => {
    const tally = { accepted: 0, replayed: 0, largest: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(wholeBody, fc.constantFrom('none', 'key', 'key+retry'), async (text, idempotency) => {
        const key = `structure-${n++}`;
        const headers = idempotency === 'none' ? AUTH : { ...AUTH, 'idempotency-key': key };
        const post = () => fetch(`${server.url}/v1/sandboxes`, { method: 'POST', headers, body: text });
        tally.largest = Math.max(tally.largest, text.length);
        const response = await post();
        const sandbox = (await checkAnswer(response, CREATE_CODES)) as Record<string, unknown> | undefined;
        if (sandbox !== undefined) {
          tally.accepted++;
          expect(response.status).toBe(201);
          expect(contractViolations(sandbox)).toEqual([]);
          const parsed = parsedOf(text);
          expect(sandbox.image).toBe(parsed.image);
          expect(sandbox.env).toEqual(parsed.env ?? {});
          expect(sandbox.metadata).toEqual(parsed.metadata ?? {});
        }
        if (idempotency !== 'key+retry') return;
        const again = await post();
        if (sandbox !== undefined) {
          expect(again.status).toBe(201);
          expect(again.headers.get('idempotent-replayed')).toBe('true');
          expect(await again.json()).toEqual(sandbox);
          tally.replayed++;
        } else {
          expect(again.status).toBe(response.status);
          await checkAnswer(again, CREATE_CODES);
        }
      }),
      replayParameters({ numRuns: BODY_CASES }),
    );
    const stored = server.api.exportState().sandboxes;
    for (const sandbox of stored) expect(contractViolations(sandbox)).toEqual([]);
    console.info(
      `structural fuzz: ${n} bodies, ${tally.accepted} accepted, ${tally.replayed} replayed, largest ${tally.largest} characters`,
    );
  }, 240_000);

  it(`${BYTES_CASES} bodies with bytes that are not UTF-8, raw NUL and control characters: 400 INVALID_REQUEST or a valid sandbox`, async () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('image', 'env'), async (raw, where) => {
        const head = where === 'image' ? '{"image":"node' : '{"image":"node:22","env":{"A":"';
        const tail = where === 'image' ? '"}' : '"}}';
        const body = new Uint8Array([...Buffer.from(head), ...raw, ...Buffer.from(tail)]);
        const response = await fetch(`${server.url}/v1/sandboxes`, { method: 'POST', headers: AUTH, body });
        const sandbox = (await checkAnswer(response, CREATE_CODES)) as Record<string, unknown> | undefined;
        if (sandbox !== undefined) expect(contractViolations(sandbox)).toEqual([]);
      }),
      replayParameters({ numRuns: BYTES_CASES }),
    );
  }, 120_000);
});

// ---- bodies on GET ------------------------------------------------------------------------

/** A request through node:http (fetch refuses a body on GET), answered as a `Response`. */
function rawRequest(method: string, path: string, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${server.url}${path}`,
      { method, headers: { ...AUTH, 'content-length': Buffer.byteLength(body) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers }));
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('structural fuzz: a body on GET', () => {
  it(`${GET_CASES} GETs with arbitrary bodies: the body is ignored, never 5xx`, async () => {
    const created = await fetch(`${server.url}/v1/sandboxes`, {
      method: 'POST',
      headers: AUTH,
      body: '{"image":"node:22"}',
    });
    const { id } = (await created.json()) as { id: string };
    await fc.assert(
      fc.asyncProperty(
        wholeBody,
        fc.constantFrom('/v1/sandboxes', `/v1/sandboxes/${id}`, '/v1/sandboxes/sb_missingmissingmi'),
        async (body, path) => {
          const response = await rawRequest('GET', path, body);
          await checkAnswer(response, ['SANDBOX_NOT_FOUND']);
          expect(response.status).toBe(path.endsWith('mi') ? 404 : 200);
        },
      ),
      replayParameters({ numRuns: GET_CASES }),
    );
  }, 120_000);
});

// ---- list queries -------------------------------------------------------------------------

const queryName = fc.oneof(
  fc.constantFrom(
    'state',
    'image',
    'limit',
    'offset',
    'metadata.team',
    'metadata.',
    '__proto__',
    'constructor',
    'metadata.__proto__',
    'toString',
  ),
  oddText,
);
const queryValue = fc.oneof(
  fc.constantFrom(
    ...SANDBOX_STATES,
    '0',
    '1',
    '100',
    '101',
    '-1',
    '-0',
    '1e2',
    '0x10',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '9'.repeat(400),
  ),
  oddText,
  // Long, but within Node's 16 kB request head even percent-encoded (beyond it Node itself answers 431).
  longString.map((s) => s.slice(1, 301)),
);

const KNOWN_NAMES = new Set(['state', 'image', 'limit', 'offset']);

describe('structural fuzz: list queries', () => {
  it(`${QUERY_CASES} queries: a valid page, or 400 INVALID_REQUEST whose every issue names its parameter and says why`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(queryName, queryValue), { maxLength: 4 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await fetch(`${server.url}/v1/sandboxes?${query}`, { headers: AUTH });
        // The names as the server reads them (a lone surrogate is sent as U+FFFD).
        const names = [...new URLSearchParams(query).keys()];
        const unknown = names.filter((name) => !KNOWN_NAMES.has(name) && !/^metadata\../.test(name));
        const status = response.status;
        const body = (await checkAnswer(response.clone(), ['INVALID_REQUEST'])) as
          | { data: unknown[]; pagination: { limit: number; offset: number } }
          | undefined;
        if (body !== undefined) {
          expect(unknown, 'an unknown parameter was accepted').toEqual([]);
          expect(body.pagination.limit).toBeLessThanOrEqual(LIMITS.list.limit.max);
          expect(Number.isSafeInteger(body.pagination.offset)).toBe(true);
          return;
        }
        expect(status).toBe(400);
        const { error } = (await response.json()) as {
          error: { message: string; details: { issues: { path: string; message: string }[] } };
        };
        expect(error.details.issues.length).toBeGreaterThan(0);
        const paths = error.details.issues.map((issue) => issue.path);
        for (const name of unknown) expect(paths).toContain(name);
        // Each issue's path names its parameter and its message says why, without naming
        // it again; the error's message shows them together (`offset: must be …`).
        for (const issue of error.details.issues) {
          expect(issue.message.length, issue.path).toBeGreaterThan(0);
          expect(issue.message).not.toMatch(/^Invalid input/);
        }
        const first = error.details.issues[0] as { path: string; message: string };
        expect(error.message).toContain(`${first.path}: ${first.message}`);
      }),
      replayParameters({ numRuns: QUERY_CASES }),
    );
  }, 120_000);
});
