import type { FieldIssue } from '../../src/schemas/index.js';
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
    if (seen.has(`${path}\n${issue.message}`)) continue;
    seen.add(`${path}\n${issue.message}`);
    const finding: Finding = { kind: 'shape', path, message: issue.message };
    const actual = value === undefined ? undefined : valueAt(value, issue.path);
    if (actual !== undefined) finding.actual = actual;
    out.push(finding);
  }
  return out;
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
