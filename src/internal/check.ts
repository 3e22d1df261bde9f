import type { FieldIssue } from '../schemas/errors.js';
import type { Check, CreateRules, Node } from './descriptor.js';
import { INVALID_INPUT, UNKNOWN_FIELD } from './generated/contract.js';

/**
 * Runs the generated descriptors (`generated/contract.ts`) the way zod runs the schemas
 * they come from, and reports what `toFieldIssues` would: same paths, messages and order.
 * `test/sdk/check-equivalence.test.ts` holds it to zod on random inputs.
 *
 * Each issue is kept with how it stops later checks, as zod's `continue` flag does:
 * `IMPLIED` (a type error: later checks skip unless they only need a length), `ABORT`
 * (every later check skips) or `GO_ON` (a failed rule: later checks still run).
 */
const IMPLIED = 0;
const ABORT = 1;
const GO_ON = 2;
const PROTO = '__proto__';

interface Found {
  issues: FieldIssue[];
  flags: number[];
}

type Bag = Record<PropertyKey, unknown>;

const found = (): Found => ({ issues: [], flags: [] });

const add = (into: Found, path: string | undefined, message: string | undefined, flag: number) => {
  into.issues.push({ path: path ?? '', message: message ?? INVALID_INPUT });
  into.flags.push(flag);
};

/** A type error: the value is not what `node` takes. */
const fail = (node: Node, path: string | undefined, into: Found) =>
  add(into, path, (node as { m?: string }).m, IMPLIED);

/** `path.key`, as `toFieldIssues` joins `[...path, key].map(String)`; `undefined` is the root. */
const join = (path: string | undefined, key: PropertyKey) =>
  path === undefined ? String(key) : `${path}.${String(key)}`;

const isObject = (value: unknown): value is Bag =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's `isPlainObject`: what a record accepts. */
function isPlainObject(value: unknown): value is Bag {
  if (!isObject(value)) return false;
  const ctor = value.constructor;
  if (typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObject(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

/** Whether an issue from `start` on stops later checks (any, or only explicit aborts). */
function stopped(into: Found, start: number, explicit?: boolean): boolean {
  for (let i = start; i < into.flags.length; i++) {
    if (explicit ? into.flags[i] === ABORT : into.flags[i] !== GO_ON) return true;
  }
  return false;
}

function runChecks(
  checks: readonly Check[],
  value: unknown,
  path: string | undefined,
  into: Found,
  start: number,
  keys: number,
) {
  let aborted = stopped(into, start);
  for (const check of checks) {
    const before = into.issues.length;
    const { k, m } = check;
    if (k === 'min' || k === 'max') {
      // zod runs length checks on anything with a length, even after a type error.
      const length = (value as { length?: unknown } | null | undefined)?.length;
      if (stopped(into, start, true) || length === undefined) continue;
      const size = typeof value === 'string' ? [...value].length : length;
      if (!(k === 'min' ? (size as number) >= check.n : (size as number) <= check.n))
        add(into, path, m, GO_ON);
    } else if (aborted) {
      continue;
    } else if (k === 'int') {
      if (!Number.isInteger(value)) add(into, path, m, ABORT);
      else if (!Number.isSafeInteger(value)) add(into, path, m, GO_ON);
    } else {
      const n = value as number;
      const ok =
        k === 'gte'
          ? n >= check.n
          : k === 'gt'
            ? n > check.n
            : k === 'lte'
              ? n <= check.n
              : k === 'lt'
                ? n < check.n
                : k === 're'
                  ? check.r.test(value as string)
                  : k === 'pre'
                    ? (value as string).startsWith(check.s)
                    : keys <= check.n;
      if (!ok) add(into, path, m, GO_ON);
    }
    if (!aborted && into.issues.length !== before) aborted = stopped(into, before);
  }
}

/** Checks `value` against `node`, adding what zod would report under `path`. */
function visit(node: Node, value: unknown, path: string | undefined, into: Found): void {
  const start = into.issues.length;
  let keys = 0;
  switch (node.t) {
    case '?':
      if (value !== undefined) visit(node.i, value, path, into);
      return;
    case 's':
      if (typeof value !== 'string') fail(node, path, into);
      break;
    case 'n':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(node, path, into);
      break;
    case 'b':
      if (typeof value !== 'boolean') fail(node, path, into);
      break;
    case 'l':
      if (!node.v.includes(value as never)) fail(node, path, into);
      break;
    case '|': {
      // The first option that accepts wins; else the one option that failed without a type error; else the union's message.
      let kept: Found | undefined;
      let open = 0;
      for (const option of node.o) {
        const tried = found();
        visit(option, value, path, tried);
        if (tried.issues.length === 0) {
          kept = tried;
          open = 1;
          break;
        }
        if (!stopped(tried, 0)) {
          kept = tried;
          open++;
        }
      }
      if (open === 1 && kept) {
        into.issues.push(...kept.issues);
        into.flags.push(...kept.flags);
      } else fail(node, path, into);
      break;
    }
    case 'o':
      if (!isObject(value)) {
        fail(node, path, into);
        break;
      }
      for (const key in node.p) {
        const field = node.p[key] as Node;
        const at = join(path, key);
        const before = into.issues.length;
        visit(field, value[key], at, into);
        if (field.t !== '?' && !(key in value) && into.issues.length === before)
          add(into, at, undefined, IMPLIED);
      }
      if (node.x)
        for (const key in value)
          if (!Object.hasOwn(node.p, key)) add(into, join(path, key), UNKNOWN_FIELD, GO_ON);
      break;
    case 'r':
      if (!isPlainObject(value)) {
        fail(node, path, into);
        break;
      }
      for (const key of Reflect.ownKeys(value)) {
        if (key === PROTO || !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
        const at = join(path, key);
        const keyIssues = found();
        visit(node.k, key, at, keyIssues);
        if (keyIssues.issues[0]) add(into, at, keyIssues.issues[0].message, IMPLIED);
        else {
          keys++;
          visit(node.v, value[key], at, into);
        }
      }
      break;
    case 'a': {
      if (!Array.isArray(value)) {
        fail(node, path, into);
        break;
      }
      // zod's size cap: an array longer than a leading max-length check reports only that.
      for (const check of node.c ?? []) {
        if (check.k !== 'min' && check.k !== 'max') break;
        if (check.k === 'max' && value.length > check.n) {
          add(into, path, check.m, ABORT);
          return;
        }
      }
      for (let index = 0; index < value.length; index++) visit(node.i, value[index], join(path, index), into);
      break;
    }
  }
  if (node.c) runChecks(node.c, value, path, into, start, keys);
}

/**
 * What zod (through `toFieldIssues`) reports for `value` against `node`; empty when valid.
 *
 * @example
 * ```ts
 * issuesOf(SANDBOX, { id: 'sb_1' }); // [{ path: 'state', message: 'Invalid input' }, …]
 * ```
 */
export function issuesOf(node: Node, value: unknown): FieldIssue[] {
  const into = found();
  visit(node, value, undefined, into);
  return into.issues;
}

const hasOwnProto = (value: unknown): value is Bag =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, PROTO);

/**
 * What `validateCreateParams` reports for a create body: zod's issues, then the own
 * `__proto__` keys zod skips (an unknown field in a strict object; in a map, an entry held
 * to the key, value and count rules). Empty when the body is valid.
 *
 * @example
 * ```ts
 * createIssues(CREATE_PARAMS, { image: 'node:22', resources: { cpu: 3 } });
 * // [{ path: 'resources.cpu', message: 'cpu value not in [2, 4, 8]' }]
 * ```
 */
export function createIssues(rules: CreateRules, input: unknown): FieldIssue[] {
  const into = found();
  visit(rules.body, input, undefined, into);
  const body: Bag = typeof input === 'object' && input !== null ? (input as Bag) : {};
  for (const name of rules.strict) {
    if (hasOwnProto(name ? body[name] : body))
      add(into, join(name || undefined, PROTO), UNKNOWN_FIELD, GO_ON);
  }
  for (const { name, k, v, max, m } of rules.maps) {
    const map = body[name];
    if (!hasOwnProto(map)) continue;
    const at = join(name, PROTO);
    visit(k, PROTO, at, into);
    visit(v, map[PROTO], at, into);
    if (max !== undefined && Object.keys(map).length > max) add(into, name, m, GO_ON);
  }
  return into.issues;
}
