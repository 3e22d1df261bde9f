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
    expect(() => describeSchema(z.string().check(z.regex(/a/g)))).toThrow(/stateful/);
    expect(() => describeSchema(z.string().check(z.refine((s) => s !== 'x')))).toThrow(/refine/);
    expect(() => describeSchema(z.string({ error: (issue) => `got ${typeof issue.input}` }))).toThrow(
      /depends on the issue/,
    );
    const lying = z.record(z.string(), z.string()).check(z.refine(() => true, { params: { maxKeys: 2 } }));
    expect(() => describeSchema(lying)).toThrow(/does not match/);
  });
});

/** Schemas the contract does not use (yet), to hold the checker to zod beyond today's shapes. */
const SYNTHETIC: [string, z.ZodMiniType][] = [
  [
    'a union with a non-aborting option',
    z.union([z.string().check(z.minLength(3, 'short')), z.number()], 'neither'),
  ],
  ['a required unknown field and a loose object', z.object({ need: z.unknown(), b: z.boolean() })],
  ['gt / lt bounds on a number', z.number('nan').check(z.gt(0, 'pos'), z.lt(10, 'small'))],
  [
    'a check falling back to its schema message',
    z.array(z.string('str').check(z.maxLength(2)), 'arr').check(z.minLength(1)),
  ],
];

describe('the checker agrees with zod on schemas beyond the contract', () => {
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
    fc.assert(
      fc.property(value, (input) => {
        const expected = schema.safeParse(input);
        expect(issuesOf(node, input)).toStrictEqual(
          expected.success ? [] : toFieldIssues(expected.error.issues),
        );
      }),
      { numRuns: 500 },
    );
  });
});
