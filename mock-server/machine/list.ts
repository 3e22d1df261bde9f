import type { FieldIssue, ListSandboxesParams, Pagination } from '../../src/schemas/index.js';
import type { SandboxRecord } from './types.js';

/**
 * Checks the metadata filter entry by entry (zod skips an own `__proto__` key, which is
 * plain data here): keys non-empty, values strings.
 */
export function validateMetadataFilter(metadata: ListSandboxesParams['metadata']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (metadata === undefined) return issues;
  for (const [key, value] of Object.entries(metadata)) {
    if (key === '') issues.push({ path: 'metadata', message: 'metadata filter keys must not be empty' });
    if (typeof value !== 'string') issues.push({ path: `metadata.${key}`, message: 'must be a string' });
  }
  return issues;
}

function matcher(params: ListSandboxesParams): ((sandbox: SandboxRecord) => boolean) | undefined {
  const { state, image } = params;
  const metadata = params.metadata === undefined ? [] : Object.entries(params.metadata);
  if (state === undefined && image === undefined && metadata.length === 0) return undefined;
  return (sandbox) => {
    if (state !== undefined && sandbox.state !== state) return false;
    if (image !== undefined && sandbox.image !== image) return false;
    for (const [key, value] of metadata) {
      if (sandbox.metadata[key] !== value || !Object.hasOwn(sandbox.metadata, key)) return false;
    }
    return true;
  };
}

/**
 * How many of `total` matches a page at `offset` holds: `limit`, fewer on the last page,
 * none past the end.
 *
 * @example
 * ```ts
 * pageLengthOf(7, 3, 6); // 1
 * ```
 */
export const pageLengthOf = (total: number, limit: number, offset: number): number =>
  Math.max(0, Math.min(limit, total - offset));

/**
 * The `pagination` of a page of `pageLength` items: `hasMore = offset + pageLength < total`.
 *
 * @example
 * ```ts
 * paginationOf(7, 3, 3, 3); // { total: 7, limit: 3, offset: 3, hasMore: true }
 * ```
 */
export const paginationOf = (
  total: number,
  limit: number,
  offset: number,
  pageLength: number,
): Pagination => ({
  total,
  limit,
  offset,
  hasMore: offset + pageLength < total,
});

/**
 * One page of a key's sandboxes (given oldest first), newest first. Without filters it
 * costs O(limit); with filters O(sandboxes of this key).
 */
export function filterSandboxes(
  sandboxes: readonly SandboxRecord[],
  params: ListSandboxesParams,
  limit: number,
  offset: number,
): { page: SandboxRecord[]; total: number } {
  const matches = matcher(params);
  const page: SandboxRecord[] = [];
  if (matches === undefined) {
    const length = pageLengthOf(sandboxes.length, limit, offset);
    for (let i = sandboxes.length - 1 - offset; page.length < length; i--) page.push(sandboxes[i]!);
    return { page, total: sandboxes.length };
  }
  let total = 0;
  for (let i = sandboxes.length - 1; i >= 0; i--) {
    const sandbox = sandboxes[i]!;
    if (!matches(sandbox)) continue;
    if (total >= offset && page.length < limit) page.push(sandbox);
    total++;
  }
  return { page, total };
}
