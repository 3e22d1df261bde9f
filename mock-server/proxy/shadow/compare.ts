import { joinPath } from '../findings.js';
import { childOf, kindOf, type Schema } from '../shapes/schema-walk.js';

/** What the upstream answered, as the comparison reads it. */
export interface Observed {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One place where the reference and the upstream disagree. */
export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The `details` fields of each error code that the contract fixes (the rest, like messages,
 * are the server's to word).
 */
const FIXED_DETAILS: Readonly<Record<string, readonly string[]>> = {
  SANDBOX_NOT_FOUND: ['sandboxId'],
  INVALID_STATE: ['sandboxId', 'currentState'],
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const errorOf = (body: unknown): Record<string, unknown> | undefined => {
  const error = isObject(body) ? body.error : undefined;
  return isObject(error) ? error : undefined;
};

/** The offending paths of an `INVALID_CONFIG`'s details, sorted (messages are free text). */
function issuePaths(details: unknown): string[] | undefined {
  const issues = isObject(details) ? details.issues : undefined;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue) => (isObject(issue) ? String(issue.path) : '')).sort();
}

/** The methods of an `Allow` header, sorted. */
const allowOf = (headers: Headers): string[] | undefined =>
  headers
    .get('allow')
    ?.split(',')
    .map((method) => method.trim().toUpperCase())
    .filter((method) => method !== '')
    .sort();

function errorDifferences(
  expected: unknown,
  actual: unknown,
  observed: Observed,
  predictedHeaders: Headers,
): Difference[] {
  const want = errorOf(expected);
  const got = errorOf(actual);
  if (want === undefined || got === undefined) return [];
  const out: Difference[] = [];
  if (want.code !== got.code) out.push({ path: 'body.error.code', expected: want.code, actual: got.code });
  else {
    const wantDetails = isObject(want.details) ? want.details : {};
    const gotDetails = isObject(got.details) ? got.details : {};
    for (const field of FIXED_DETAILS[String(want.code)] ?? []) {
      if (wantDetails[field] !== gotDetails[field]) {
        out.push({
          path: `body.error.details.${field}`,
          expected: wantDetails[field],
          actual: gotDetails[field],
        });
      }
    }
    if (want.code === 'INVALID_CONFIG') {
      const wanted = issuePaths(want.details);
      const found = issuePaths(got.details);
      if (JSON.stringify(wanted) !== JSON.stringify(found)) {
        out.push({ path: 'body.error.details.issues', expected: wanted, actual: found });
      }
    }
    if (want.code === 'METHOD_NOT_ALLOWED') {
      const wanted = allowOf(predictedHeaders);
      const found = allowOf(observed.headers);
      if (found !== undefined && JSON.stringify(wanted) !== JSON.stringify(found)) {
        out.push({ path: 'headers.allow', expected: wanted, actual: found });
      }
    }
  }
  return out;
}

/**
 * Differences between two JSON values, guided by the schema: an object compares the fields
 * either side has that the schema names (a field the schema does not name is an extension
 * and passes), a record (env, metadata) compares every key, an array every element.
 */
export function valueDifferences(
  expected: unknown,
  actual: unknown,
  schema: Schema | undefined,
  path: string,
  out: Difference[] = [],
): Difference[] {
  const kind = schema === undefined ? 'leaf' : kindOf(schema);
  if (kind === 'array' && Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.push({ path: joinPath(path, 'length'), expected: expected.length, actual: actual.length });
    }
    const element = childOf(schema as Schema, '0');
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      valueDifferences(expected[i], actual[i], element, joinPath(path, i), out);
    }
    return out;
  }
  if ((kind === 'object' || kind === 'record') && isObject(expected) && isObject(actual)) {
    const keys = new Set(Object.keys(expected));
    for (const key of Object.keys(actual)) {
      if (kind === 'record' || childOf(schema as Schema, key) !== undefined) keys.add(key);
    }
    for (const key of keys) {
      valueDifferences(expected[key], actual[key], childOf(schema as Schema, key), joinPath(path, key), out);
    }
    return out;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push({ path, expected, actual });
  return out;
}

/**
 * Where the upstream's answer differs from the reference's: the status; for errors the code,
 * the details the contract fixes (`sandboxId`, `currentState`, the offending fields of
 * `INVALID_CONFIG`) and `Allow` on 405; for successes the body, field by field.
 *
 * @example
 * ```ts
 * answerDifferences({ status: 409, headers, body: envelope }, observed, SandboxSchema);
 * // [{ path: 'status', expected: 409, actual: 200 }]
 * ```
 */
export function answerDifferences(
  predicted: Observed,
  observed: Observed,
  schema: Schema | undefined,
): Difference[] {
  if (predicted.status !== observed.status) {
    const out: Difference[] = [{ path: 'status', expected: predicted.status, actual: observed.status }];
    const want = errorOf(predicted.body);
    const got = errorOf(observed.body);
    if (want !== undefined && got !== undefined && want.code !== got.code) {
      out.push({ path: 'body.error.code', expected: want.code, actual: got.code });
    }
    return out;
  }
  if (predicted.status >= 400)
    return errorDifferences(predicted.body, observed.body, observed, predicted.headers);
  return valueDifferences(predicted.body, observed.body, schema, 'body');
}
