import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { Node } from '../../src/internal/descriptor.js';
import {
  createParamsDetails,
  ERROR_ENVELOPE,
  issuesOf,
  PAUSE_RESULT,
  RESUME_RESULT,
  SANDBOX,
  SANDBOX_PAGE,
  TERMINATE_RESULT,
} from '../../src/internal/validators.js';
import {
  ErrorEnvelopeSchema,
  PauseResultSchema,
  ResumeResultSchema,
  SandboxPageSchema,
  SandboxSchema,
  TerminateResultSchema,
  toFieldIssues,
  validateCreateParams,
} from '../../src/schemas/index.js';
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

/** The SDK's create check and `validateCreateParams` agree on `body` (and it was valid or not). */
function expectSameCreateVerdict(body: unknown): boolean {
  const expected = validateCreateParams(body);
  expect(createParamsDetails(body)).toStrictEqual(expected.success ? undefined : expected.details);
  return expected.success;
}

describe('create params: the generated check reports exactly what validateCreateParams reports', () => {
  it('agrees on 6,000 random bodies: valid ones, near misses and non-objects', () => {
    const verdicts = { valid: 0, invalid: 0 };
    const body = fc.oneof(
      { weight: 2, arbitrary: validCreateBody },
      { weight: 7, arbitrary: nearMiss(validCreateBody) },
      { weight: 1, arbitrary: oddValue },
    );
    fc.assert(
      fc.property(body, (input) => {
        verdicts[expectSameCreateVerdict(input) ? 'valid' : 'invalid']++;
      }),
      { numRuns: 6000 },
    );
    // Both verdicts are exercised in earnest, so agreement is not agreement on one answer.
    expect(verdicts.valid).toBeGreaterThan(600);
    expect(verdicts.invalid).toBeGreaterThan(2400);
  });

  it('agrees on the quirks zod has and validateCreateParams adds', () => {
    const withOwn = (base: object, key: string, value: unknown) => {
      setOwn(base, key, value);
      return base;
    };
    const manyKeys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    const quirks: unknown[] = [
      // a wrong type still runs length checks on anything with a length
      { image: [] },
      { image: { length: 1000 } },
      // a non-integer stops the range check, an unsafe integer does not
      { image: 'x', timeoutMs: 0.5 },
      { image: 'x', resources: { memoryMb: 2 ** 60 } },
      { image: 'x', resources: { cpu: 3 } },
      // an array over its cap reports only that
      { image: 'x', network: { egress: { allow: Array.from({ length: 101 }, () => 5) } } },
      // code points, not UTF-16 units
      { image: '😀'.repeat(256) },
      { image: '😀'.repeat(257) },
      // own __proto__ keys everywhere, and constructor keys in records
      JSON.parse(
        '{"image":"x","__proto__":1,"resources":{"__proto__":1},"network":{"egress":{"__proto__":1}}}',
      ),
      JSON.parse('{"image":"x","env":{"__proto__":5},"metadata":{"__proto__":"a","constructor":"b"}}'),
      { image: 'x', metadata: withOwn(manyKeys(20), '__proto__', 'v') },
      { image: 'x', metadata: withOwn(manyKeys(21), '__proto__', 'v') },
      { image: 'x', metadata: { ...manyKeys(21), k0: 5 } },
      { image: 'x', metadata: { ...manyKeys(21), k0: 'v'.repeat(300) } },
      { image: 'x', env: { constructor: { prototype: {} } } },
      { image: 'x', env: new Map() },
      { image: 'x', env: { [Symbol('s')]: 'v', ok: 'v' } },
      { image: 'x', toString: 'x', memoryMB: 1 },
      Object.create({ image: 'inherited' }),
      [],
      null,
    ];
    const invalid = quirks.filter((body) => !expectSameCreateVerdict(body));
    expect(invalid.length).toBeGreaterThan(quirks.length - 3);
  });
});

const RESPONSES: [string, Node, z.ZodMiniType, fc.Arbitrary<unknown>][] = [
  ['Sandbox', SANDBOX, SandboxSchema, validSandbox],
  ['SandboxPage', SANDBOX_PAGE, SandboxPageSchema, validPage],
  ['PauseResult', PAUSE_RESULT, PauseResultSchema, validLifecycle('pausedAt', 'runtimeDurationMs')],
  ['ResumeResult', RESUME_RESULT, ResumeResultSchema, validLifecycle('resumedAt', 'pausedDurationMs')],
  [
    'TerminateResult',
    TERMINATE_RESULT,
    TerminateResultSchema,
    validLifecycle('terminatedAt', 'totalRuntimeMs'),
  ],
  ['ErrorEnvelope', ERROR_ENVELOPE, ErrorEnvelopeSchema, validEnvelope],
];

describe('responses: the generated checks agree with safeParse', () => {
  it.each(RESPONSES)(
    '%s: same verdict and same issues on 1,500 valid, near-miss and odd bodies',
    (_, node, schema, valid) => {
      const verdicts = { valid: 0, invalid: 0 };
      const body = fc.oneof(
        { weight: 2, arbitrary: valid },
        { weight: 6, arbitrary: nearMiss(valid) },
        oddValue,
      );
      fc.assert(
        fc.property(body, (input) => {
          const expected = schema.safeParse(input);
          const issues = issuesOf(node, input);
          expect(issues.length === 0).toBe(expected.success);
          expect(issues).toStrictEqual(expected.success ? [] : toFieldIssues(expected.error.issues));
          verdicts[expected.success ? 'valid' : 'invalid']++;
        }),
        { numRuns: 1500 },
      );
      expect(verdicts.valid).toBeGreaterThan(150);
      expect(verdicts.invalid).toBeGreaterThan(150);
    },
  );

  it('an unknown state string and unknown fields are accepted, a missing id is not', () => {
    const sandbox = fc.sample(validSandbox, { numRuns: 1, seed: 1 })[0] as Record<string, unknown>;
    expect(issuesOf(SANDBOX, { ...sandbox, state: 'hibernating', extra: { deep: 1 } })).toStrictEqual([]);
    const { id: _id, ...withoutId } = sandbox;
    expect(issuesOf(SANDBOX, withoutId)).toStrictEqual([{ path: 'id', message: expect.any(String) }]);
  });
});
