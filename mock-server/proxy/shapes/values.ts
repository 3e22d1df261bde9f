import { type FieldIssue, LIMITS, SandboxSchema, SandboxSummarySchema } from '../../../src/schemas/index.js';
import { toIso } from '../../machine/clock.js';
import { InvalidSnapshotError, readSnapshot, SANDBOX_ID_PATTERN } from '../../machine/snapshot.js';
import { fieldsOf, pickKnown, type Schema } from './schema-walk.js';

/** The lifecycle timestamps of a sandbox (the summary's fields named `…At`). */
export const TIMESTAMP_FIELDS: readonly string[] = fieldsOf(SandboxSummarySchema).filter((field) =>
  field.endsWith('At'),
);

/** The owner written into entries made only to be checked (never a real key). */
const CHECK_OWNER = 'shape-check';
/** Snapshot issues are reported under `sandboxes.0.`; answers are checked one at a time. */
const SNAPSHOT_PREFIX = 'sandboxes.0.';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `value` is an instant as the machine writes it: ISO 8601, UTC, milliseconds
 * (`toIso(Date.parse(value)) === value`).
 *
 * @example
 * ```ts
 * isCanonicalInstant('2026-06-15T10:30:00.000Z'); // true
 * isCanonicalInstant('2026-06-15T10:30:00Z'); // false
 * ```
 */
export function isCanonicalInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = Date.parse(value);
  return Number.isSafeInteger(ms) && toIso(ms) === value;
}

const INSTANT_MESSAGE = 'must be an ISO 8601 UTC instant with milliseconds, e.g. 2026-06-15T10:30:00.000Z';

/** Issues for timestamp fields that are present but not canonical instants. */
function timestampIssues(body: Record<string, unknown>, fields: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    if (Object.hasOwn(body, field) && body[field] !== undefined && !isCanonicalInstant(body[field])) {
      issues.push({ path: field, message: INSTANT_MESSAGE });
    }
  }
  return issues;
}

/**
 * What the machine's own snapshot reader says about an answer: the id pattern, a known
 * state, instants, the timestamp a state needs, and every configuration rule of create.
 */
function snapshotIssues(entry: Record<string, unknown>, keep: (path: string) => boolean): FieldIssue[] {
  try {
    readSnapshot({ version: 1, sandboxes: [{ ...entry, apiKey: CHECK_OWNER }] });
    return [];
  } catch (error) {
    if (!(error instanceof InvalidSnapshotError)) throw error;
    return error.issues
      .map((issue) => ({
        ...issue,
        path: issue.path.startsWith(SNAPSHOT_PREFIX) ? issue.path.slice(SNAPSHOT_PREFIX.length) : issue.path,
      }))
      .filter((issue) => keep(issue.path));
  }
}

/** Timestamp issues first (more precise than the snapshot's "must be an ISO 8601 instant"). */
function merged(first: FieldIssue[], second: FieldIssue[]): FieldIssue[] {
  const taken = new Set(first.map((issue) => issue.path));
  return [...first, ...second.filter((issue) => !taken.has(issue.path))];
}

/**
 * The values of a full sandbox (create, get) held to the contract's rules, beyond the
 * lenient response schema: what the reference would refuse to hold. Fields this version
 * does not know are left alone (forward compatibility).
 *
 * @example
 * ```ts
 * sandboxValueIssues({ ...sandbox, state: 'sleeping' }); // [{ path: 'state', message: … }]
 * ```
 */
export function sandboxValueIssues(body: unknown): FieldIssue[] {
  if (!isPlainObject(body)) return [];
  const known = pickKnown(body, SandboxSchema) as Record<string, unknown>;
  return merged(
    timestampIssues(known, TIMESTAMP_FIELDS),
    snapshotIssues(known, () => true),
  );
}

/**
 * The values of a list item held to the contract's rules; also: a list item never carries
 * `env` (decision in the contract: it may hold secrets).
 *
 * @example
 * ```ts
 * summaryValueIssues({ ...summary, env: { TOKEN: 'x' } }); // [{ path: 'env', … }]
 * ```
 */
export function summaryValueIssues(item: unknown): FieldIssue[] {
  if (!isPlainObject(item)) return [];
  const known = pickKnown(item, SandboxSummarySchema) as Record<string, unknown>;
  const fields = new Set(fieldsOf(SandboxSummarySchema));
  // The timers a summary does not carry are given values that cannot be refused.
  const entry = { ...known, timeoutMs: LIMITS.timeoutMs.max, idleTimeoutMs: LIMITS.idleTimeoutMs.min };
  const issues = merged(
    timestampIssues(known, TIMESTAMP_FIELDS),
    snapshotIssues(entry, (path) => fields.has(path.split('.')[0] ?? '')),
  );
  if (Object.hasOwn(item, 'env')) {
    issues.push({ path: 'env', message: 'a list item never carries env (it may hold secrets)' });
  }
  return issues;
}

/**
 * The values of a pause, resume or terminate answer (`schema` is its result schema): the id
 * pattern and canonical instants.
 *
 * @example
 * ```ts
 * resultValueIssues({ id: 'sb_1', pausedAt: '…' }, PauseResultSchema); // [{ path: 'id', … }]
 * ```
 */
export function resultValueIssues(body: unknown, schema: Schema): FieldIssue[] {
  if (!isPlainObject(body)) return [];
  const issues: FieldIssue[] = [];
  if (typeof body.id === 'string' && !SANDBOX_ID_PATTERN.test(body.id)) {
    issues.push({ path: 'id', message: 'must be sb_ followed by 17 characters of [a-z0-9]' });
  }
  const instants = fieldsOf(schema).filter((field) => field.endsWith('At'));
  return [...issues, ...timestampIssues(body, instants)];
}
