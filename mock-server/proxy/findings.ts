import { type FieldIssue, SANDBOX_STATES } from '../../src/schemas/index.js';
import type { Finding } from '../http/finding.js';

/**
 * `prefix.path` for a field issue (`prefix` alone for the value itself), e.g. `body` and
 * `resources.cpu` give `body.resources.cpu`.
 *
 * @example
 * ```ts
 * joinPath('body', 'resources.cpu'); // 'body.resources.cpu'
 * ```
 */
export const joinPath = (prefix: string, path: string | number): string =>
  path === '' ? prefix : `${prefix}.${path}`;

/**
 * Shape findings from field issues, one per issue, under `prefix` (`body`, `request.body`…).
 *
 * @example
 * ```ts
 * shapeFindings('body', [{ path: 'workdir', message: 'Invalid input' }]);
 * // [{ kind: 'shape', path: 'body.workdir', message: 'Invalid input' }]
 * ```
 */
export function shapeFindings(prefix: string, issues: readonly FieldIssue[], value?: unknown): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const issue of issues) {
    const path = joinPath(prefix, issue.path);
    // One finding per field: the first issue (the type) says the most.
    if (seen.has(path)) continue;
    seen.add(path);
    const actual = value === undefined ? undefined : valueAt(value, issue.path);
    const finding: Finding = { kind: 'shape', path, message: worded(issue, actual, value !== undefined) };
    if (actual !== undefined) finding.actual = actual;
    out.push(finding);
  }
  return out;
}

/** zod's default message, which says nothing of what was wrong. */
const ZOD_DEFAULT = 'Invalid input';

/** A message for an issue; zod's default one is replaced by what the value shows. */
function worded(issue: FieldIssue, actual: unknown, known: boolean): string {
  if (issue.message !== ZOD_DEFAULT || !known) return issue.message;
  if (actual === undefined) return 'required by the contract, but missing';
  if (issue.path === 'state' || issue.path.endsWith('.state')) {
    return `not a state of this contract (${SANDBOX_STATES.join(', ')})`;
  }
  const type = actual === null ? 'null' : Array.isArray(actual) ? 'an array' : `a ${typeof actual}`;
  return `${ZOD_DEFAULT}: ${type} is not what the contract has here`;
}

/** The value at a dotted path (`undefined` when there is none). */
export function valueAt(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
