/**
 * Generates `src/internal/generated/contract.ts`: the contract's zod schemas reduced to the
 * plain descriptors that `src/internal/check.ts` interprets. That checker is the one
 * validator of the contract at run time, in the SDK and in the mock (docs/decisions/0100,
 * 0105): zod itself runs only here, at build time, and in the tests that prove the
 * checker accepts exactly what zod accepts (`test/sdk/check-equivalence.test.ts`).
 *
 * It walks each schema's `_zod.def` and refuses anything it cannot reproduce exactly (an
 * unknown type or check, a message that depends on the issue, a stateful regex): a schema
 * change then fails here, loudly, instead of drifting.
 *
 * Run: `npx tsx scripts/generate-validators.ts` (`npm run generate`); `--check` exits 1 when
 * the committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod/mini';
import { CreateSandboxParamsSchema } from '../src/schemas/create.js';
import { ErrorEnvelopeSchema } from '../src/schemas/errors.js';
import { PauseResultSchema, ResumeResultSchema, TerminateResultSchema } from '../src/schemas/lifecycle.js';
import { PaginationSchema, SandboxPageSchema } from '../src/schemas/list.js';
import { SandboxSchema } from '../src/schemas/sandbox.js';

/** Where the descriptors go, relative to the repository root. */
export const CONTRACT_PATH = 'src/internal/generated/contract.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

type Schema = z.core.$ZodType;
type ErrorMap = (issue: unknown) => unknown;

/** The parts of a zod def this generator reads (zod types them per schema kind). */
interface Def {
  type: string;
  error?: ErrorMap;
  checks?: Schema[];
  check?: string;
  format?: string;
  coerce?: boolean;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  mode?: string;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  inclusive?: boolean;
}

/** The parts of a check's def this generator reads. */
interface CheckDef {
  check: string;
  error?: ErrorMap;
  abort?: boolean;
  format?: string;
  pattern?: RegExp;
  prefix?: string;
  minimum?: number;
  maximum?: number;
  value?: unknown;
  inclusive?: boolean;
  params?: { maxKeys?: unknown };
  path?: unknown;
  fn?: (value: unknown) => unknown;
}

type Desc = { [key: string]: unknown };

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;

class UnsupportedSchemaError extends Error {
  constructor(at: string, what: string) {
    super(
      `generate-validators: ${what} at ${at || '(root)'}; teach scripts/generate-validators.ts and src/internal/check.ts`,
    );
  }
}

/** A custom message, which must not depend on the issue (the SDK has no issue to pass). */
function messageOf(error: ErrorMap | undefined, at: string): string | undefined {
  if (!error) return undefined;
  const read = (issue: unknown) => {
    const out = error(issue);
    return typeof out === 'string' ? out : (out as { message?: string } | undefined)?.message;
  };
  const message = read({ code: 'custom', input: undefined, path: [] });
  if (message !== read({ code: 'invalid_type', input: 0, path: ['x'], expected: 'string' })) {
    throw new UnsupportedSchemaError(at, 'a message that depends on the issue');
  }
  return message;
}

/** Checks whether a key-count refine does what its `params.maxKeys` says. */
function assertKeyCount(fn: CheckDef['fn'], maxKeys: number, at: string): void {
  const accepts = (count: number) =>
    Boolean(fn?.(Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, '']))));
  if (!accepts(0) || !accepts(maxKeys) || accepts(maxKeys + 1)) {
    throw new UnsupportedSchemaError(
      at,
      `a refine whose params.maxKeys (${maxKeys}) does not match its function`,
    );
  }
}

function describeCheck(check: Schema, schemaMessage: string | undefined, type: string, at: string): Desc {
  const def = check._zod.def as unknown as CheckDef;
  if (def.abort) throw new UnsupportedSchemaError(at, `an aborting ${def.check} check`);
  const m = messageOf(def.error, at) ?? schemaMessage;
  const out = (desc: Desc) => (m === undefined ? desc : { ...desc, m });
  switch (def.check) {
    case 'min_length':
      return out({ k: 'min', n: def.minimum });
    case 'max_length':
      return out({ k: 'max', n: def.maximum });
    case 'greater_than':
    case 'less_than': {
      if (typeof def.value !== 'number') throw new UnsupportedSchemaError(at, 'a non-number bound');
      if (!def.inclusive) throw new UnsupportedSchemaError(at, 'an exclusive bound (gt, lt)');
      return out({ k: def.check === 'greater_than' ? 'gte' : 'lte', n: def.value });
    }
    case 'string_format':
      // The checker cannot say in words what a pattern wants: the schema must.
      if (m === undefined) throw new UnsupportedSchemaError(at, `a ${def.format} check without a message`);
      if (def.format === 'regex' && def.pattern) {
        if (/[gy]/.test(def.pattern.flags)) throw new UnsupportedSchemaError(at, 'a stateful (g/y) regex');
        return out({ k: 're', r: def.pattern });
      }
      if (def.format === 'starts_with' && typeof def.prefix === 'string')
        return out({ k: 'pre', s: def.prefix });
      throw new UnsupportedSchemaError(at, `the string format ${def.format}`);
    case 'custom': {
      const maxKeys = def.params?.maxKeys;
      if (type !== 'record' || typeof maxKeys !== 'number' || def.path !== undefined) {
        throw new UnsupportedSchemaError(at, 'a refine other than a record key count with params.maxKeys');
      }
      assertKeyCount(def.fn, maxKeys, at);
      return out({ k: 'keys', n: maxKeys });
    }
    default:
      throw new UnsupportedSchemaError(at, `the check ${def.check}`);
  }
}

/**
 * One schema as a descriptor node (see src/internal/descriptor.ts).
 *
 * @throws {Error} when the schema uses something `check.ts` cannot reproduce exactly
 */
export function describe(schema: Schema, at = ''): Desc {
  const def = defOf(schema);
  const m = messageOf(def.error, at);
  const node = (desc: Desc, leading: Desc[] = []): Desc => {
    const checks = [...leading, ...(def.checks ?? []).map((check) => describeCheck(check, m, def.type, at))];
    return { ...desc, ...(m === undefined ? {} : { m }), ...(checks.length ? { c: checks } : {}) };
  };
  const child = (key: string) => (at ? `${at}.${key}` : key);
  if (def.coerce) throw new UnsupportedSchemaError(at, 'a coercing schema');
  switch (def.type) {
    case 'string':
      if (def.check !== undefined) throw new UnsupportedSchemaError(at, `the string format ${def.format}`);
      return node({ t: 's' });
    case 'number':
      if (def.check === undefined) return node({ t: 'n' });
      if (def.check === 'number_format' && def.format === 'safeint') {
        return node({ t: 'n' }, [m === undefined ? { k: 'int' } : { k: 'int', m }]);
      }
      throw new UnsupportedSchemaError(at, `the number format ${def.format}`);
    case 'boolean':
      return node({ t: 'b' });
    case 'unknown':
      return node({ t: 'u' });
    case 'literal':
    case 'enum': {
      const values = [...(schema._zod.values ?? [])];
      if (!values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
        throw new UnsupportedSchemaError(at, 'a literal that is not a JSON value');
      }
      return node({ t: 'l', v: values });
    }
    case 'optional':
      if (def.checks?.length || !def.innerType) throw new UnsupportedSchemaError(at, 'a checked optional');
      return { t: '?', i: describe(def.innerType, at) };
    case 'object': {
      const shape = def.shape ?? {};
      if (Object.hasOwn(shape, '__proto__') || Object.getOwnPropertySymbols(shape).length) {
        throw new UnsupportedSchemaError(at, 'a __proto__ or symbol field');
      }
      const catchall = def.catchall && defOf(def.catchall).type;
      if (catchall !== undefined && catchall !== 'never' && catchall !== 'unknown') {
        throw new UnsupportedSchemaError(at, `a ${catchall} catchall`);
      }
      const p = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [key, describe(field, child(key))]),
      );
      return node(catchall === 'never' ? { t: 'o', p, x: 1 } : { t: 'o', p });
    }
    case 'record': {
      if (!def.keyType || !def.valueType || def.mode !== undefined)
        throw new UnsupportedSchemaError(at, 'a record mode');
      const k = describe(def.keyType, `${child('<key>')}`);
      if (k.t !== 's' || def.keyType._zod.values)
        throw new UnsupportedSchemaError(at, 'a record key that is not a string');
      return node({ t: 'r', k, v: describe(def.valueType, child('<value>')) });
    }
    case 'array':
      if (!def.element) throw new UnsupportedSchemaError(at, 'an array without element');
      return node({ t: 'a', i: describe(def.element, child('<item>')) });
    case 'union': {
      if (def.discriminator !== undefined || def.inclusive === false || !def.options) {
        throw new UnsupportedSchemaError(at, 'a discriminated or exclusive union');
      }
      const options = def.options.map((option) => describe(option, at));
      // A union of bare literals (cpu: 2 | 4 | 8) is one literal node: "must be one of 2, 4, 8".
      if (!options.every((option) => option.t === 'l' && Object.keys(option).length === 2)) {
        throw new UnsupportedSchemaError(at, 'a union of anything but bare literals');
      }
      return node({ t: 'l', v: options.flatMap((option) => option.v as unknown[]) });
    }
    default:
      throw new UnsupportedSchemaError(at, `the zod type ${def.type}`);
  }
}

/**
 * What the SDK needs of each answer, checked by default (docs/decisions/0106): the rest of
 * a body passes through as it came. Picked from the contract schemas, never restated.
 */
const LENIENT = {
  LENIENT_SANDBOX: z.pick(SandboxSchema, { id: true, state: true }),
  LENIENT_PAGE: z.looseObject({
    data: z.array(z.unknown()),
    pagination: z.pick(PaginationSchema, { offset: true, hasMore: true }),
  }),
  LENIENT_RESULT: z.looseObject({}),
};

/** Every schema the generated module holds, by the name it is exported under. */
export const SCHEMAS = {
  CREATE_PARAMS: CreateSandboxParamsSchema,
  SANDBOX: SandboxSchema,
  SANDBOX_PAGE: SandboxPageSchema,
  PAUSE_RESULT: PauseResultSchema,
  RESUME_RESULT: ResumeResultSchema,
  TERMINATE_RESULT: TerminateResultSchema,
  ERROR_ENVELOPE: ErrorEnvelopeSchema,
  ...LENIENT,
} as const satisfies Record<string, Schema>;

/** Serializes a descriptor; `ref` names the shared nodes already emitted. */
function literal(value: unknown, ref: (value: Desc) => string | undefined): string {
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, ref)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const name = ref(value as Desc);
    if (name) return name;
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${literal(item, ref)}`,
    );
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

const keyOf = (value: unknown) => literal(value, () => undefined);
const isNode = (value: Desc) => typeof value.t === 'string';

/** Every node of a descriptor tree, children first. */
function* nodes(value: unknown): Generator<Desc> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (value !== null && typeof value === 'object' && !(value instanceof RegExp)) {
    for (const item of Object.values(value)) yield* nodes(item);
    if (isNode(value as Desc)) yield value as Desc;
  }
}

/** The TypeScript source of the generated module, before formatting. */
function renderUnformatted(): string {
  const roots = Object.entries(SCHEMAS).map(([name, schema]): [string, Desc] => [name, describe(schema)]);
  // A node met more than once (e.g. the summary fields of a sandbox) is written once, as a const.
  const counts = new Map<string, number>();
  for (const [, root] of roots)
    for (const node of nodes(root)) counts.set(keyOf(node), (counts.get(keyOf(node)) ?? 0) + 1);
  const shared = new Map<string, string>();
  const lines: string[] = [];
  const ref = (value: Desc) => shared.get(keyOf(value));
  for (const [, root] of roots) {
    for (const node of nodes(root)) {
      const key = keyOf(node);
      if ((counts.get(key) ?? 0) < 2 || shared.has(key)) continue;
      const name = `n${shared.size + 1}`;
      lines.push(`const ${name}: Node = ${literal(node, ref)};`);
      shared.set(key, name);
    }
  }
  const exports = roots.map(([name, root]) => `export const ${name}: Node = ${literal(root, ref)};`);
  return [
    '// generated by scripts/generate-validators.ts — do not edit; run `npm run generate`.',
    '// The contract schemas of src/schemas as descriptors for src/internal/check.ts.',
    "import type { Node } from '../descriptor.js';",
    '',
    ...lines,
    '',
    ...exports,
    '',
  ].join('\n');
}

/** The generated module, formatted as the repository's Biome formats it. */
export function renderContract(): string {
  return execFileSync(
    fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
    ['format', `--stdin-file-path=${CONTRACT_PATH}`],
    { cwd: root, input: renderUnformatted(), encoding: 'utf8' },
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const target = `${root}${CONTRACT_PATH}`;
  const source = renderContract();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== source) {
      console.error(`${CONTRACT_PATH} is stale: run npm run generate`);
      process.exit(1);
    }
    console.log(`${CONTRACT_PATH} is up to date`);
  } else {
    writeFileSync(target, source);
    console.log(`wrote ${CONTRACT_PATH}`);
  }
}
