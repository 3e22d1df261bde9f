import fc from 'fast-check';
import { EGRESS_POLICIES, LIMITS, SANDBOX_STATES } from '../../src/schemas/limits.js';

/**
 * Random inputs for `check-equivalence.test.ts`: valid create bodies and responses, and
 * near misses made by mutating them (wrong types, values just out of range, bad or unknown
 * keys, own `__proto__` / `constructor` keys, too many map keys, non-objects).
 */

type Bag = Record<string, unknown>;

const { resources, metadata, timeoutMs, idleTimeoutMs } = LIMITS;
const range = ({ min, max }: { min: number; max: number }) => fc.integer({ min, max });
const edges = ({ min, max }: { min: number; max: number }) => [min - 1, min, max, max + 1];

/**
 * Sets `key` as an own, enumerable property, as `JSON.parse` does (even for `__proto__`).
 * A key that cannot be redefined (an array's `length`) is left as it is.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  const current = Object.getOwnPropertyDescriptor(target, key);
  if (current && !current.configurable) return;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const host = fc.oneof(
  fc.domain(),
  fc.domain().map((domain) => `*.${domain}`),
  fc.constantFrom('localhost', 'a', '-bad.com', 'bad_.com', 'x'.repeat(254), '*.', ''),
);

const envKey = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
const metadataKey = fc.string({ minLength: 1, maxLength: metadata.keyMaxLength });

/** A create body that is valid, or nearly so (a random hostname may still be refused). */
export const validCreateBody: fc.Arbitrary<Bag> = fc.record(
  {
    image: fc.oneof(
      fc.constantFrom('node:22', 'python:3.12', 'ubuntu:24.04'),
      fc.stringMatching(/^\S{1,40}$/),
    ),
    resources: fc.record(
      {
        cpu: fc.constantFrom(...resources.cpu.values),
        memoryMb: range(resources.memoryMb),
        diskMb: range(resources.diskMb),
      },
      { requiredKeys: [] },
    ),
    env: fc.dictionary(envKey, fc.string(), { maxKeys: 5 }),
    workdir: fc.string().map((path) => `/${path}`),
    timeoutMs: range(timeoutMs),
    idleTimeoutMs: range(idleTimeoutMs),
    metadata: fc.dictionary(metadataKey, fc.string({ maxLength: 40 }), { maxKeys: metadata.maxKeys }),
    network: fc.record(
      {
        egress: fc.record(
          {
            allow: fc.array(host, { maxLength: 4 }),
            default: fc.constantFrom(...EGRESS_POLICIES),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['image'] },
);

const numberEdges = [
  ...new Set([
    ...resources.cpu.values.flatMap((cpu) => [cpu - 1, cpu + 1]),
    ...edges(resources.memoryMb),
    ...edges(resources.diskMb),
    ...edges(timeoutMs),
    ...edges(idleTimeoutMs),
  ]),
];

/** Values that break, or barely keep, some rule somewhere. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    'a b',
    '/abs',
    'rel',
    'allow',
    'deny',
    '😀'.repeat(metadata.valueMaxLength),
    'x'.repeat(metadata.valueMaxLength + 1),
    'k'.repeat(metadata.keyMaxLength + 1),
    [],
    {},
    [1, 'a.com'],
    { length: 0 },
    new Date(0),
  ),
  fc.constantFrom(...numberEdges),
  fc.constantFrom(...numberEdges).map((n) => n + 0.5),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.string({ maxLength: 3 }), {
    minKeys: metadata.maxKeys - 2,
    maxKeys: metadata.maxKeys + 3,
  }),
  fc.array(host, { minLength: LIMITS.egressAllow.maxItems, maxLength: LIMITS.egressAllow.maxItems + 2 }),
  fc.array(fc.oneof(host, fc.integer()), { maxLength: 3 }),
  fc.anything({ maxDepth: 2 }),
);

/** Field names worth setting: known ones, typos, and the keys zod treats specially. */
const fieldName = fc.oneof(
  fc.constantFrom(
    'image',
    'resources',
    'cpu',
    'memoryMb',
    'memoryMB',
    'diskMb',
    'env',
    'workdir',
    'timeoutMs',
    'idleTimeoutMs',
    'metadata',
    'network',
    'egress',
    'allow',
    'default',
    'id',
    'state',
    'createdAt',
    'data',
    'pagination',
    'error',
    'code',
    'message',
    '__proto__',
    'constructor',
    'toString',
    '1a',
    '0',
    '',
  ),
  fc.string({ maxLength: 6 }),
);

type Edit = { at: number; kind: 'set' | 'delete' | 'replace'; key: string; value: unknown };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('set', 'set', 'delete', 'replace'),
  key: fieldName,
  value: oddValue,
});

/** Every object or array inside `value`, the root first, with a way to replace each. */
function containers(value: unknown): { node: object; replace: (next: unknown) => void }[] {
  const found: { node: object; replace: (next: unknown) => void }[] = [];
  const walk = (node: unknown, replace: (next: unknown) => void) => {
    if (typeof node !== 'object' || node === null || node instanceof Date) return;
    found.push({ node, replace });
    for (const key of Object.keys(node)) {
      walk((node as Bag)[key], (next) => setOwn(node, key, next));
    }
  };
  walk(value, () => {});
  return found;
}

/** `base` with a few edits applied (a deep copy is edited; the root may be replaced). */
export function mutate(base: unknown, edits: readonly Edit[]): unknown {
  let root: unknown = structuredClone(base);
  for (const { at, kind, key, value: shared } of edits) {
    // A fresh copy: constants are shared between runs, and a shared object could make a cycle.
    const value = structuredClone(shared);
    const targets = containers(root);
    const target = targets[at % Math.max(targets.length, 1)];
    if (!target) {
      root = value;
    } else if (kind === 'replace') {
      if (target.node === root) root = value;
      else target.replace(value);
    } else if (kind === 'delete') {
      // Reflect: an array's `length` cannot be deleted, and `delete` would throw.
      Reflect.deleteProperty(target.node, key);
    } else {
      setOwn(target.node, key, value);
    }
  }
  return root;
}

/** Near misses of a valid value: one to three edits. */
export const nearMiss = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([base, edits]) => mutate(base, edits));

const timestamp = fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
const stringMap = fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 });
const state = fc.oneof(fc.constantFrom(...SANDBOX_STATES), fc.string({ maxLength: 8 }));

const summary = {
  id: fc.string({ maxLength: 20 }),
  state,
  image: fc.string({ maxLength: 12 }),
  resources: fc.record({ cpu: fc.integer(), memoryMb: fc.integer(), diskMb: fc.integer() }),
  metadata: stringMap,
  createdAt: timestamp,
  startedAt: timestamp,
  pausedAt: timestamp,
  resumedAt: timestamp,
  terminatedAt: timestamp,
};
const summaryRequired = ['id', 'state', 'image', 'resources', 'metadata', 'createdAt'] as const;

/** A sandbox as create and get answer it, with an unknown extra field now and then. */
export const validSandbox: fc.Arbitrary<Bag> = fc.record(
  {
    ...summary,
    env: stringMap,
    workdir: fc.string({ maxLength: 8 }),
    timeoutMs: fc.integer(),
    idleTimeoutMs: fc.integer(),
    network: fc.record({
      egress: fc.record(
        {
          allow: fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }),
          default: fc.string({ maxLength: 5 }),
        },
        { requiredKeys: ['default'] },
      ),
    }),
    futureField: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: [...summaryRequired, 'env', 'workdir', 'timeoutMs', 'idleTimeoutMs', 'network'] },
);

/** A page of list items. */
export const validPage: fc.Arbitrary<Bag> = fc.record({
  data: fc.array(fc.record(summary, { requiredKeys: [...summaryRequired] }), { maxLength: 3 }),
  pagination: fc.record({ total: fc.nat(), limit: fc.nat(), offset: fc.nat(), hasMore: fc.boolean() }),
});

/** Pause, resume and terminate answers: the lifecycle field names come from the caller. */
export const validLifecycle = (at: string, duration: string): fc.Arbitrary<Bag> =>
  fc.record({ id: fc.string({ maxLength: 8 }), state, [at]: timestamp, [duration]: fc.integer() });

/** An error envelope. */
export const validEnvelope: fc.Arbitrary<Bag> = fc.record({
  error: fc.record(
    {
      code: fc.string({ maxLength: 12 }),
      message: fc.string({ maxLength: 12 }),
      details: fc.anything({ maxDepth: 2 }),
      requestId: fc.string({ maxLength: 12 }),
    },
    { requiredKeys: ['code', 'message'] },
  ),
});
