import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  CONTRACT_PATH,
  describe as describeSchema,
  renderContract,
} from '../../scripts/generate-validators.js';
import { issuesOf } from '../../src/internal/check.js';
import type { Node } from '../../src/internal/descriptor.js';
import { toFieldIssues } from '../../src/schemas/index.js';

describe('generated contract', () => {
  it('the committed src/internal/generated/contract.ts is what the schemas generate now', () => {
    const committed = readFileSync(new URL(`../../${CONTRACT_PATH}`, import.meta.url), 'utf8');
    expect(committed, 'src/internal/generated/contract.ts is stale: run npm run generate').toBe(
      renderContract(),
    );
  });

  it('the generator refuses what the checker cannot reproduce, naming where', () => {
    expect(() => describeSchema(z.object({ when: z.iso.datetime() }))).toThrow(/at when/);
    expect(() => describeSchema(z.object({ n: z.int32() }))).toThrow(/number format int32/);
    expect(() => describeSchema(z.string().check(z.regex(/a/g, 'has an a')))).toThrow(/stateful/);
    expect(() => describeSchema(z.string().check(z.regex(/a/)))).toThrow(/regex check without a message/);
    expect(() => describeSchema(z.string().check(z.refine((s) => s !== 'x')))).toThrow(/refine/);
    expect(() => describeSchema(z.string({ error: (issue) => `got ${typeof issue.input}` }))).toThrow(
      /depends on the issue/,
    );
    expect(() => describeSchema(z.number().check(z.gt(0)))).toThrow(/exclusive bound/);
    expect(() => describeSchema(z.union([z.string(), z.number()]))).toThrow(
      /union of anything but bare literals/,
    );
    const lying = z.record(z.string(), z.string()).check(z.refine(() => true, { params: { maxKeys: 2 } }));
    expect(() => describeSchema(lying)).toThrow(/does not match/);
  });
});

/** Schemas the contract does not use (yet), to hold the checker to zod beyond today's shapes. */
const SYNTHETIC: [string, z.ZodMiniType][] = [
  ['a required unknown field and a loose object', z.object({ need: z.unknown(), b: z.boolean() })],
  ['inclusive bounds on a number', z.number('nan').check(z.gte(0, 'pos'), z.lte(10, 'small'))],
  [
    'an array with a length floor, of strings with a length cap',
    z.array(z.string('str').check(z.maxLength(2)), 'arr').check(z.minLength(1)),
  ],
  ['a union of literals (one literal node)', z.union([z.literal('a'), z.literal(1), z.literal(true)])],
];

describe('the checker agrees with zod (verdict and paths) on schemas beyond the contract', () => {
  it.each(SYNTHETIC)('%s', (_, schema) => {
    const node = describeSchema(schema) as Node;
    const value = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom(
        'ab',
        'abc',
        5,
        -1,
        0,
        10,
        9.5,
        [],
        ['abc'],
        ['a', 'b', 'c'],
        { need: 1, b: true },
        { b: true },
      ),
    );
    const paths = (issues: { path: string }[]) => [...new Set(issues.map((issue) => issue.path))].sort();
    fc.assert(
      fc.property(value, (input) => {
        const expected = schema.safeParse(input);
        const issues = issuesOf(node, input);
        expect(issues.length === 0).toBe(expected.success);
        if (!expected.success)
          expect(paths(issues)).toStrictEqual(paths(toFieldIssues(expected.error.issues)));
      }),
      { numRuns: 500 },
    );
  });
});
