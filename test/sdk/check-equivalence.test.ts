import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { SCHEMAS } from '../../scripts/generate-validators.js';
import type { Node } from '../../src/internal/descriptor.js';
import * as generated from '../../src/internal/validators.js';
import { issuesOf } from '../../src/internal/validators.js';
import { toFieldIssues } from '../../src/schemas/index.js';
import {
  nearMiss,
  oddValue,
  setOwn,
  validCreateBody,
  validEnvelope,
  validLifecycle,
  validPage,
  validSandbox,
} from './contract-arbitraries.js';

/**
 * The checker (src/internal/check.ts) is the contract's one validator at run time
 * (docs/decisions/0105); zod states the contract. These tests hold the checker to zod:
 * the same verdict on every input, and the same offending paths. Messages are the
 * checker's own (`validation-messages.test.ts`).
 *
 * One difference is by design (docs/decisions/0002): zod skips an own `__proto__` key, the
 * checker treats it as plain data. zod is asked about such inputs with the key renamed to
 * a stand-in that every rule treats alike (a valid identifier, 1–64 characters, unknown
 * to every object).
 */
const STAND_IN = '__proto__Z9';

/** `value` with every own `__proto__` key renamed to {@link STAND_IN} (plain objects only). */
function withStandIn(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = Array.from(value, withStandIn);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const bag = value as Record<PropertyKey, unknown>;
  let changed = Object.hasOwn(bag, '__proto__');
  const entries = Reflect.ownKeys(bag)
    .filter((key) => Object.prototype.propertyIsEnumerable.call(bag, key))
    .map((key): [PropertyKey, unknown] => {
      const next = withStandIn(bag[key]);
      if (next !== bag[key]) changed = true;
      return [key === '__proto__' ? STAND_IN : key, next];
    });
  if (!changed) return value;
  const copy = Object.create(proto as object | null) as Record<PropertyKey, unknown>;
  for (const [key, item] of entries) copy[key] = item;
  return copy;
}

const KEY_COUNT = /^must have at most \d+ keys/;

/** The offending paths, as a sorted set. */
const pathsOf = (issues: { path: string }[]) =>
  [...new Set(issues.map((issue) => issue.path.split(STAND_IN).join('__proto__')))].sort();

/** The checker and zod agree on `input`: verdict and paths. Returns whether it was valid. */
function expectAgreement(node: Node, schema: z.ZodMiniType, input: unknown): boolean {
  const expected = schema.safeParse(withStandIn(input));
  const issues = issuesOf(node, input);
  expect(issues.length === 0, 'verdict').toBe(expected.success);
  if (!expected.success) {
    const paths = pathsOf(toFieldIssues(expected.error.issues));
    // zod skips a map's key-count rule once an entry has failed; the checker still says it.
    const ours = issues.filter((issue) => paths.includes(issue.path) || !KEY_COUNT.test(issue.message));
    expect(pathsOf(ours)).toStrictEqual(paths);
  }
  return expected.success;
}

/** A descriptor of the generated module by its export name. */
const nodeOf = (name: keyof typeof SCHEMAS) => (generated as unknown as Record<string, Node>)[name] as Node;

describe('create params: the checker accepts exactly what the zod schema accepts', () => {
  it('agrees on 6,000 random bodies: valid ones, near misses and non-objects', () => {
    const verdicts = { valid: 0, invalid: 0 };
    const body = fc.oneof(
      { weight: 2, arbitrary: validCreateBody },
      { weight: 7, arbitrary: nearMiss(validCreateBody) },
      { weight: 1, arbitrary: oddValue },
    );
    fc.assert(
      fc.property(body, (input) => {
        const valid = expectAgreement(nodeOf('CREATE_PARAMS'), SCHEMAS.CREATE_PARAMS, input);
        verdicts[valid ? 'valid' : 'invalid']++;
      }),
      { numRuns: 6000 },
    );
    // Both verdicts are exercised in earnest, so agreement is not agreement on one answer.
    expect(verdicts.valid).toBeGreaterThan(600);
    expect(verdicts.invalid).toBeGreaterThan(2400);
  });

  it('agrees on the edges: lengths, integers, caps, odd objects', () => {
    const withOwn = (base: object, key: string, value: unknown) => {
      setOwn(base, key, value);
      return base;
    };
    const manyKeys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    const edges: unknown[] = [
      { image: [] },
      { image: { length: 1000 } },
      { image: 'x', timeoutMs: 0.5 },
      { image: 'x', resources: { memoryMb: 2 ** 60 } },
      { image: 'x', resources: { cpu: 3 } },
      { image: 'x', network: { egress: { allow: Array.from({ length: 101 }, () => 5) } } },
      // code points, not UTF-16 units
      { image: '😀'.repeat(256) },
      { image: '😀'.repeat(257) },
      JSON.parse('{"image":"x","env":{"__proto__":5},"metadata":{"__proto__":"a","constructor":"b"}}'),
      { image: 'x', metadata: withOwn(manyKeys(20), '__proto__', 'v') },
      { image: 'x', metadata: withOwn(manyKeys(19), '__proto__', 'v') },
      { image: 'x', metadata: { ...manyKeys(21), k0: 5 } },
      { image: 'x', env: { constructor: { prototype: {} } } },
      { image: 'x', env: new Map() },
      { image: 'x', env: { [Symbol('s')]: 'v', ok: 'v' } },
      { image: 'x', toString: 'x', memoryMB: 1 },
      Object.create({ image: 'inherited' }),
      [],
      null,
    ];
    const invalid = edges.filter(
      (body) => !expectAgreement(nodeOf('CREATE_PARAMS'), SCHEMAS.CREATE_PARAMS, body),
    );
    expect(invalid.length).toBeGreaterThanOrEqual(edges.length - 3);
  });

  it('an own __proto__ key is plain data: unknown in a strict object, an entry of a map (decision 0002)', () => {
    const body = JSON.parse(
      '{"image":"x","__proto__":1,"resources":{"__proto__":1},"network":{"egress":{"__proto__":1}},"env":{"__proto__":5}}',
    );
    expect(issuesOf(nodeOf('CREATE_PARAMS'), body)).toStrictEqual([
      { path: 'resources.__proto__', message: 'unknown field' },
      { path: 'env.__proto__', message: 'must be a string, got 5' },
      { path: 'network.egress.__proto__', message: 'unknown field' },
      { path: '__proto__', message: 'unknown field' },
    ]);
    const ok = JSON.parse('{"image":"x","env":{"__proto__":"v"},"metadata":{"__proto__":"v"}}');
    expect(issuesOf(nodeOf('CREATE_PARAMS'), ok)).toStrictEqual([]);
  });
});

const RESPONSES: [keyof typeof SCHEMAS, fc.Arbitrary<unknown>][] = [
  ['SANDBOX', validSandbox],
  ['SANDBOX_PAGE', validPage],
  ['PAUSE_RESULT', validLifecycle('pausedAt', 'runtimeDurationMs')],
  ['RESUME_RESULT', validLifecycle('resumedAt', 'pausedDurationMs')],
  ['TERMINATE_RESULT', validLifecycle('terminatedAt', 'totalRuntimeMs')],
  ['ERROR_ENVELOPE', validEnvelope],
  ['LENIENT_SANDBOX', validSandbox],
  ['LENIENT_PAGE', validPage],
  ['LENIENT_RESULT', validLifecycle('pausedAt', 'runtimeDurationMs')],
];

describe('responses: the checker agrees with safeParse', () => {
  it.each(RESPONSES)('%s: same verdict and paths on 1,500 valid, near-miss and odd bodies', (name, valid) => {
    const verdicts = { valid: 0, invalid: 0 };
    const body = fc.oneof(
      { weight: 2, arbitrary: valid },
      { weight: 6, arbitrary: nearMiss(valid) },
      oddValue,
    );
    fc.assert(
      fc.property(body, (input) => {
        verdicts[expectAgreement(nodeOf(name), SCHEMAS[name], input) ? 'valid' : 'invalid']++;
      }),
      { numRuns: 1500 },
    );
    expect(verdicts.valid).toBeGreaterThan(150);
    expect(verdicts.invalid).toBeGreaterThan(100);
  });

  it('an unknown state string and unknown fields are accepted, a missing id is not', () => {
    const sandbox = fc.sample(validSandbox, { numRuns: 1, seed: 1 })[0] as Record<string, unknown>;
    expect(
      issuesOf(generated.SANDBOX, { ...sandbox, state: 'hibernating', extra: { deep: 1 } }),
    ).toStrictEqual([]);
    const { id: _id, ...withoutId } = sandbox;
    expect(issuesOf(generated.SANDBOX, withoutId)).toStrictEqual([{ path: 'id', message: 'is required' }]);
  });
});
