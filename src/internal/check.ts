import type { FieldIssue } from '../schemas/errors.js';
import type { Check, Node } from './descriptor.js';

/**
 * Runs the generated descriptors (`generated/contract.ts`): the one validator of the
 * contract at run time, for the SDK and the mock alike (docs/decisions/0105). It accepts
 * exactly what the zod schemas accept (`test/sdk/check-equivalence.test.ts` holds it to zod
 * on random inputs) and writes its own messages: one issue per offending value, saying
 * what is wrong with that value and never naming the field (the path does).
 *
 * An own `__proto__` key is plain data (docs/decisions/0002): an unknown field in a strict
 * object, an ordinary entry of a map.
 */

type Bag = Record<PropertyKey, unknown>;

const isObject = (value: unknown): value is Bag =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a record accepts, as zod judges it: an object whose prototype is `Object.prototype` or none. */
function isPlainObject(value: unknown): boolean {
  if (!isObject(value)) return false;
  const ctor = value.constructor;
  if (typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObject(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

/** Per node type: the type test, and what "must be …" calls it. */
const TYPES: Record<string, [(value: unknown) => boolean, string]> = {
  s: [(value) => typeof value === 'string', 'a string'],
  n: [(value) => typeof value === 'number' && Number.isFinite(value), 'a number'],
  b: [(value) => typeof value === 'boolean', 'a boolean'],
  o: [isObject, 'an object'],
  r: [isPlainObject, 'an object'],
  a: [Array.isArray, 'an array'],
};

/** `path.key`; the root is `''`. */
const join = (path: string, key: PropertyKey) => (path ? `${path}.${String(key)}` : String(key));

/** The value refused, as "got …" shows it: numbers and booleans as themselves, else their kind. */
const got = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : typeof value === 'string'
          ? 'a string'
          : String(value);

/** Why `value` fails `check`, or `undefined` when it passes. `size`: its length or key count. */
function refusal(check: Check, value: unknown, size: number): string | undefined {
  const { k } = check;
  const n = (check as { n: number }).n;
  const ok =
    k === 'min'
      ? size >= n
      : k === 'max' || k === 'keys'
        ? size <= n
        : k === 'int'
          ? Number.isSafeInteger(value)
          : k === 're'
            ? check.r.test(value as string)
            : k === 'pre'
              ? (value as string).startsWith(check.s)
              : k === 'gte'
                ? (value as number) >= n
                : (value as number) <= n;
  if (ok) return undefined;
  // A regex or prefix check always has its own message (the generator insists).
  if (check.m) return check.m;
  const bound = k === 'min' || k === 'gte' ? 'at least' : 'at most';
  return k === 'min' && n === 1
    ? 'must not be empty'
    : k === 'int'
      ? `must be an integer, got ${value}`
      : k === 'gte' || k === 'lte'
        ? `must be ${bound} ${n}, got ${value}`
        : `must have ${bound} ${n} ${k === 'keys' ? 'keys' : typeof value === 'string' ? 'characters' : 'items'}, got ${size}`;
}

/** Checks `value` against `node`, adding one issue per offending value under `path`. */
function visit(node: Node, value: unknown, path: string, out: FieldIssue[], prefix = ''): void {
  if (node.t === '?') {
    if (value !== undefined) visit(node.i, value, path, out, prefix);
    return;
  }
  const say = (message: string): void => {
    out.push({ path, message: prefix + message });
  };
  const type = TYPES[node.t];
  if (node.t === 'l' ? !node.v.includes(value as never) : type && !type[0](value)) {
    const expected = node.t === 'l' ? `one of ${node.v.map((v) => JSON.stringify(v)).join(', ')}` : type?.[1];
    const shown =
      node.t === 'l' && typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : got(value);
    say(node.m ?? (value === undefined ? 'is required' : `must be ${expected}, got ${shown}`));
    return;
  }
  let size = 0;
  const bag = value as Bag;
  if (node.t === 'o') {
    for (const key in node.p) {
      const field = node.p[key] as Node;
      // Only `unknown` takes `undefined`; a required one must still be present.
      if (field.t === 'u' && !(key in bag)) out.push({ path: join(path, key), message: 'is required' });
      else visit(field, bag[key], join(path, key), out);
    }
    if (node.x)
      for (const key in bag) {
        if (Object.hasOwn(node.p, key)) continue;
        // A typo that only differs by case (`memoryMB`) is named.
        const near = Object.keys(node.p).find((name) => name.toLowerCase() === key.toLowerCase());
        out.push({
          path: join(path, key),
          message: `unknown field${near ? ` (did you mean ${near}?)` : ''}`,
        });
      }
  } else if (node.t === 'r') {
    for (const key of Reflect.ownKeys(bag)) {
      if (!Object.prototype.propertyIsEnumerable.call(bag, key)) continue;
      size++;
      const before = out.length;
      visit(node.k, key, join(path, key), out, 'key ');
      if (out.length === before) visit(node.v, bag[key], join(path, key), out);
    }
  } else if (node.t === 'a') {
    const items = value as unknown[];
    size = items.length;
    // An array over its cap reports only that, as zod does: no issue per item of a huge array.
    const cap = node.c?.find((check) => check.k === 'max' && size > check.n);
    if (cap) {
      say(refusal(cap, value, size) as string);
      return;
    }
    for (let index = 0; index < size; index++) visit(node.i, items[index], join(path, index), out);
  } else if (node.t === 's') {
    size = [...(value as string)].length;
  }
  for (const check of node.c ?? []) {
    const why = refusal(check, value, size);
    if (why !== undefined) {
      say(why);
      return;
    }
  }
}

/**
 * Every issue of `value` against `node`; empty when valid.
 *
 * @example
 * ```ts
 * issuesOf(CREATE_PARAMS, { image: 'node:22', resources: { cpu: 3 } });
 * // [{ path: 'resources.cpu', message: 'must be one of 2, 4, 8, got 3' }]
 * ```
 */
export function issuesOf(node: Node, value: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  visit(node, value, '', out);
  return out;
}
